"""Loading a million rows into objects: every instance carries its own __dict__."""
import csv
from collections import namedtuple
from dataclasses import dataclass


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


@dataclass
class Reading:
    sensor: str
    value: float
    unit: str


class Tag(str):
    """A str subclass without __slots__: each tag gets a __dict__ it never uses."""


Pair = namedtuple("Pair", "left right")


class LabelledPair(Pair):
    def label(self):
        return f"{self.left}-{self.right}"


def grid(n):
    return [Point(x, y) for x in range(n) for y in range(n)]


def load_readings(path):
    readings = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            readings.append(Reading(row["sensor"], float(row["value"]), row["unit"]))
    return readings


def tags_for(words):
    return [Tag(w.lower()) for w in words]


def pairs(items):
    return [LabelledPair(a, b) for a, b in zip(items, items[1:])]


@dataclass(slots=True)
class SlimReading:
    """Clean: slots, so no per-instance __dict__."""

    sensor: str
    value: float
    unit: str


class Vector:
    """Clean: __slots__ lists every attribute."""

    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z


def vectors(n):
    return [Vector(i, i, i) for i in range(n)]


def slim_readings(rows):
    return [SlimReading(r[0], float(r[1]), r[2]) for r in rows]
