big = list(range(1_000_000))
first = big[0]
words = ['alpha', 'beta']
