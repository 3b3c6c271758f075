class Node:
    def __init__(self, name):
        self.name = name
        self.children = []


root = Node("root")
leaf = Node("leaf")
root.children.append(leaf)
leaf.parent = root
names = [n.name for n in root.children]
del root, leaf
