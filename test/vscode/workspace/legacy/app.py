"""A project that still supports Python 3.9 (see pyproject.toml): MemLens models CPython 3.9 here."""


class Record:
    def __init__(self, key, value):
        self.key = key
        self.value = value


records = [Record(i, str(i)) for i in range(100)]
