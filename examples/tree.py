"""A document tree for a templating engine: parents and children that point at each other."""
import weakref


class Node:
    def __init__(self, tag, text=""):
        self.tag = tag
        self.text = text
        self.parent = None
        self.children = []
        self.listeners = []

    def append(self, child):
        child.parent = self
        self.children.append(child)
        return child

    def render(self, depth=0):
        pad = "  " * depth
        inner = "".join(c.render(depth + 1) for c in self.children)
        return f"{pad}<{self.tag}>{self.text}\n{inner}{pad}</{self.tag}>\n"


class Document:
    def __init__(self, title):
        self.root = Node("html")
        self.title = title
        self.on_change = self._mark_dirty
        self.dirty = False

    def _mark_dirty(self):
        self.dirty = True

    def add_heading(self, text):
        node = self.root.append(Node("h1", text))
        self.on_change()
        return node


class Toolbar:
    """Holds the window that owns it, and the window holds the toolbar: a cycle."""

    def __init__(self, window):
        self.window = window
        self.buttons = []


class Window:
    def __init__(self, name):
        self.name = name
        self.toolbar = Toolbar(self)


class WeakNode:
    """Clean: children point back through a weak reference, so dropping the root frees the tree."""

    def __init__(self, tag):
        self.tag = tag
        self._parent = None
        self.children = []

    @property
    def parent(self):
        return self._parent() if self._parent is not None else None

    def append(self, child):
        child._parent = weakref.ref(self)
        self.children.append(child)
        return child


def build_page(title, headings):
    doc = Document(title)
    for heading in headings:
        doc.add_heading(heading)
    return doc.root.render()
