"""A small chart of the last twelve weeks: orders as bars, spend as a line."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from fwdesk.core.money import money
from fwdesk.core.order_weeks import Week

BAR = QColor("#C7C2F5")
LINE = QColor("#4C3BCF")
TEXT = QColor("#4B5563")


class OrdersChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("ordersChart")
        self.setMinimumHeight(130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.weeks: list[Week] = []

    def show_weeks(self, weeks: list[Week]) -> None:
        self.weeks = weeks
        total = sum(w.orders for w in weeks)
        spend = sum((w.spend for w in weeks), Decimal(0))
        self.setAccessibleName(f"{total} orders, {money(spend)} in the last {len(weeks)} weeks")
        self.setToolTip(self.accessibleName())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(8, 22, -8, -18)
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(8, 2, area.width(), 18),
            Qt.AlignmentFlag.AlignLeft,
            "Orders (bars) and spend (line), last 12 weeks",
        )
        if not self.weeks:
            return
        most = max(max(w.orders for w in self.weeks), 1)
        dearest = max(max(float(w.spend) for w in self.weeks), 1.0)
        step = area.width() / len(self.weeks)
        points = []
        for i, week in enumerate(self.weeks):
            height = area.height() * week.orders / most
            bar = QRectF(
                area.left() + i * step + step * 0.2, area.bottom() - height, step * 0.6, height
            )
            painter.fillRect(bar, BAR)
            points.append(
                QPointF(
                    area.left() + (i + 0.5) * step,
                    area.bottom() - area.height() * float(week.spend) / dearest,
                )
            )
            if i % 3 == 0 or i == len(self.weeks) - 1:
                painter.drawText(
                    QRectF(area.left() + i * step - 10, area.bottom() + 2, step + 20, 14),
                    Qt.AlignmentFlag.AlignHCenter,
                    week.start.strftime("%d %b"),
                )
        painter.setPen(QPen(LINE, 2))
        painter.drawPolyline(points)
        painter.end()
