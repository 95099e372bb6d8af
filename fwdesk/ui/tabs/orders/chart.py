"""A small chart of the last twelve weeks: orders as bars, spend as a line and, once orders
carry their sale price, what customers paid as a second line on the same scale, so the gap
between the two is the shop's margin."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from fwdesk.core.money import money
from fwdesk.core.order_weeks import Week
from fwdesk.ui.widgets.theme import colours

MARGIN = 8


class OrdersChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("ordersChart")
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.weeks: list[Week] = []

    def show_weeks(self, weeks: list[Week]) -> None:
        self.weeks = weeks
        total = sum(w.orders for w in weeks)
        spend = sum((w.spend for w in weeks), Decimal(0))
        sales = sum((w.sales for w in weeks), Decimal(0))
        paid = f", customers paid {money(sales)}" if sales else ""
        self.setAccessibleName(
            f"{total} orders, {money(spend)} to FinerWorks{paid} in the last {len(weeks)} weeks"
        )
        self.setToolTip(self.accessibleName())
        self.update()

    def title(self) -> str:
        if any(w.sales for w in self.weeks):
            return (
                "Last 12 weeks: orders (bars), FinerWorks charges (purple), customers paid (green)"
            )
        return "Last 12 weeks: orders (bars) and spend (line)"

    def plot_area(self) -> QRectF:
        """Below the title (which wraps on a narrow pane instead of running off it), above
        the week labels."""
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        room = self.rect().adjusted(MARGIN, 2, -MARGIN, 0)
        title_height = self.fontMetrics().boundingRect(room, flags, self.title()).height()
        labels_height = self.fontMetrics().height() + 4
        return QRectF(self.rect()).adjusted(MARGIN, title_height + 6, -MARGIN, -labels_height)

    def label_boxes(self) -> list[tuple[str, QRectF]]:
        """Every third week's first day under its bar, and the last week's; moved in at the
        edges so the first and last stay whole."""
        area = self.plot_area()
        step = area.width() / max(len(self.weeks), 1)
        metrics = self.fontMetrics()
        boxes = []
        for i, week in enumerate(self.weeks):
            if i % 3 and i != len(self.weeks) - 1:
                continue
            text = week.start.strftime("%d %b")
            width = metrics.horizontalAdvance(text) + 2
            middle = area.left() + (i + 0.5) * step
            left = min(max(middle - width / 2, 0.0), self.width() - width)
            boxes.append((text, QRectF(left, area.bottom() + 2, width, metrics.height())))
        return boxes

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scheme = colours()
        bar_colour = QColor(scheme.accent)
        bar_colour.setAlpha(70)  # the line stays readable over the bars in either scheme
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))  # light or dark
        painter.drawText(
            QRectF(self.rect()).adjusted(MARGIN, 2, -MARGIN, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            self.title(),
        )
        area = self.plot_area()
        if not self.weeks or area.height() <= 0:
            painter.end()
            return
        for text, box in self.label_boxes():
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, text)
        most = max(max(w.orders for w in self.weeks), 1)
        dearest = max(max(float(max(w.spend, w.sales)) for w in self.weeks), 1.0)
        step = area.width() / len(self.weeks)
        points, sales = [], []
        for i, week in enumerate(self.weeks):
            height = area.height() * week.orders / most
            bar = QRectF(
                area.left() + i * step + step * 0.2, area.bottom() - height, step * 0.6, height
            )
            painter.fillRect(bar, bar_colour)
            middle = area.left() + (i + 0.5) * step
            points.append(
                QPointF(middle, area.bottom() - area.height() * float(week.spend) / dearest)
            )
            sales.append(
                QPointF(middle, area.bottom() - area.height() * float(week.sales) / dearest)
            )
        painter.setPen(QPen(QColor(scheme.accent), 2))
        painter.drawPolyline(points)
        if any(w.sales for w in self.weeks):
            painter.setPen(QPen(QColor(scheme.success_line), 2, Qt.PenStyle.DashLine))
            painter.drawPolyline(sales)
        painter.end()
