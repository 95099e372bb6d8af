"""Small checks on the main window that several UI test modules share."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QLabel


def connected(window) -> bool:
    return window.connection_label.text().startswith("Connected")


@dataclass(frozen=True)
class Asked:
    """What one SendDialog showed before it was answered."""

    summary: str
    mode: str
    choices: list[str]
    payment: str | None


@dataclass
class SendAnswers:
    """Answers the question asked before orders leave, the moment it opens, as the shop would:
    Send (with the first way to pay offered, or `pay_with` when given) or Cancel. Installed
    with `install(monkeypatch)`; `asked` keeps what each question showed."""

    send: bool = True
    pay_with: str | None = None
    asked: list[Asked] = field(default_factory=list)

    def install(self, monkeypatch) -> SendAnswers:
        from fwdesk.ui.dialogs.send_dialog import SendDialog

        monkeypatch.setattr(SendDialog, "open", lambda dialog: self._answer(dialog))
        return self

    def _answer(self, dialog) -> None:
        combo = dialog.payment_choice
        choices = [combo.itemText(i) for i in range(combo.count())]
        if self.pay_with is not None:
            combo.setCurrentIndex(choices.index(self.pay_with))
        chosen = dialog.payment()
        self.asked.append(
            Asked(
                dialog.findChild(QLabel, "sendSummary").text(),
                dialog.findChild(QLabel, "sendMode").text(),
                choices,
                chosen.description if chosen else None,
            )
        )
        if self.send and dialog.send_button.isEnabled():
            dialog.accept()
        else:
            dialog.reject()


@dataclass
class JobLog:
    """Every job started on the app's worker lanes, kept for the test to count and wait on;
    installed with `install(monkeypatch)`."""

    jobs: list = field(default_factory=list)

    def install(self, monkeypatch) -> JobLog:
        from fwdesk.ui.work.jobs import ApiService

        original = ApiService.start

        def start(service, job):
            self.jobs.append(job)
            return original(service, job)

        monkeypatch.setattr(ApiService, "start", start)
        return self

    def named(self, name: str) -> list:
        return [job for job in self.jobs if job.name == name]

    def all_over(self, name: str) -> bool:
        return all(job.over for job in self.named(name))
