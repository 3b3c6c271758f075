# Measured by "MemLens: Measure with Python" in the real VS Code tests: the sizes must equal the model's.
class Point:
    def __init__(self, x: int, y=2.5, label="p"):
        self.x = x
        self.y = y
        self.labels = [label, label]


table = {"a": 1, "b": [1, 2, 3], "c": "hello"}
