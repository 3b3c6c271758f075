class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Slotted:
    __slots__ = ('x', 'y')

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
q = p
points = [p, Point(3000, 4000)]
s = Slotted(1.5, 'label')
names = {'origin': p, 'far': points[1]}
