"""A small chart of the last twelve weeks: orders as bars, spend as a line and, once orders
carry their sale price, what customers paid as a second line on the same scale, so the gap
between the two is the shop's margin."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from fwdesk.core.money import money
from fwdesk.core.order_weeks import Week

BAR = QColor("#C7C2F5")
LINE = QColor("#4C3BCF")
SALES = QColor("#0F766E")
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
        sales = sum((w.sales for w in weeks), Decimal(0))
        paid = f", customers paid {money(sales)}" if sales else ""
        self.setAccessibleName(
            f"{total} orders, {money(spend)} to FinerWorks{paid} in the last {len(weeks)} weeks"
        )
        self.setToolTip(self.accessibleName())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(8, 22, -8, -18)
        painter.setPen(TEXT)
        sold = any(w.sales for w in self.weeks)
        title = (
            "Orders (bars), FinerWorks charges (purple) and customers paid (green), last 12 weeks"
            if sold
            else "Orders (bars) and spend (line), last 12 weeks"
        )
        painter.drawText(QRectF(8, 2, area.width(), 18), Qt.AlignmentFlag.AlignLeft, title)
        if not self.weeks:
            return
        most = max(max(w.orders for w in self.weeks), 1)
        dearest = max(max(float(max(w.spend, w.sales)) for w in self.weeks), 1.0)
        step = area.width() / len(self.weeks)
        points, sales = [], []
        for i, week in enumerate(self.weeks):
            height = area.height() * week.orders / most
            bar = QRectF(
                area.left() + i * step + step * 0.2, area.bottom() - height, step * 0.6, height
            )
            painter.fillRect(bar, BAR)
            middle = area.left() + (i + 0.5) * step
            points.append(
                QPointF(middle, area.bottom() - area.height() * float(week.spend) / dearest)
            )
            sales.append(
                QPointF(middle, area.bottom() - area.height() * float(week.sales) / dearest)
            )
            if i % 3 == 0 or i == len(self.weeks) - 1:
                painter.drawText(
                    QRectF(area.left() + i * step - 10, area.bottom() + 2, step + 20, 14),
                    Qt.AlignmentFlag.AlignHCenter,
                    week.start.strftime("%d %b"),
                )
        painter.setPen(QPen(LINE, 2))
        painter.drawPolyline(points)
        if sold:
            painter.setPen(QPen(SALES, 2, Qt.PenStyle.DashLine))
            painter.drawPolyline(sales)
        painter.end()
