"""Nightly report jobs: lists built only to be consumed once, and defaults shared between calls."""
import statistics


def sum_of_squares():
    # Ten million ints in a list, only to add them up.
    return sum([i * i for i in range(10_000_000)])


def any_negative(values):
    return any([v < 0 for v in values])


def checksum(limit=1_000_000):
    total = 0
    for i in list(range(1_000_000)):
        total = (total * 31 + i) % 1_000_003
    return total


def count_errors(path):
    errors = 0
    with open(path, encoding="utf-8") as log:
        for line in log.readlines():
            if "ERROR" in line:
                errors += 1
    return errors


def add_sample(value, samples=[]):
    """Every call appends to the same list: it only ever grows."""
    samples.append(value)
    return statistics.mean(samples)


def format_row(cells, options={}):
    width = options.get("width", 12)
    return " | ".join(str(c).ljust(width) for c in cells)


def median_of_squares(n):
    """Clean: a generator feeds sorted(), which needs a list anyway."""
    return statistics.median(sorted(i * i for i in range(n)))


def names_line(names):
    """Clean: str.join builds a list of its argument anyway, so a list comprehension costs nothing extra."""
    return ", ".join([name.title() for name in names])


def add_tag(tag, tags=None):
    """Clean: a fresh list per call."""
    if tags is None:
        tags = []
    tags.append(tag)
    return tags
