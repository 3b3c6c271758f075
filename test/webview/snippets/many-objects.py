class TreeNode:
    def __init__(self, depth, label):
        self.label = label
        self.left = TreeNode(depth - 1, label + 'L') if depth > 0 else None
        self.right = TreeNode(depth - 1, label + 'R') if depth > 0 else None


tree = TreeNode(7, 'n')
