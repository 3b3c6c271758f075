"""A small module the real-editor tests open: it has findings of several kinds."""


def collect(item, into=[]):
    into.append(item)
    return into


def total(values):
    return sum([v * 2 for v in values])


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


points = [Point(i, i) for i in range(1000)]
