"""Findings whose quick fixes the real-editor tests apply (this copy is edited in memory, never saved)."""


def total(values):
    return sum([v * 2 for v in values])


def longest(words):
    return max([len(w) for w in words])


def collect(item, into=[]):
    into.append(item)
    return into
