class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


root = Node('root')
leaf = Node('leaf', root)
stats = {'size': 2}
del root, leaf
