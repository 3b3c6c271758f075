"""Clean code: the memory-friendly versions of everything the other examples get wrong. MemLens reports nothing here."""
import functools
import weakref
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Money:
    amount: int
    currency: str


class PriceList:
    __slots__ = ("_prices", "__weakref__")

    def __init__(self, prices):
        self._prices = dict(prices)

    def total(self, items):
        return sum(self._prices[i] for i in items)

    @staticmethod
    def zero():
        return Money(0, "EUR")

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def currency_symbol(code):
        return {"EUR": "€", "USD": "$", "GBP": "£"}.get(code, code)


@functools.lru_cache(maxsize=1024)
def parse_amount(text):
    whole, _, cents = text.partition(".")
    return int(whole) * 100 + int(cents or 0)


class Observer:
    def __init__(self, subject):
        self._subject = weakref.ref(subject)

    @property
    def subject(self):
        return self._subject()


def read_totals(path):
    with open(path, encoding="utf-8") as f:
        return sum(parse_amount(line.strip()) for line in f if line.strip())


def largest(values):
    return max((abs(v) for v in values), default=0)


def even_squares(n):
    return [i * i for i in range(n) if i % 2 == 0]


def merge(base, extra=None):
    merged = dict(base)
    merged.update(extra or {})
    return merged
