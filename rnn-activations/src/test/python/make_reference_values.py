"""Writes the reference table that ActivationContractTest checks the activations against.

Each x is a double (written exactly); f and f' are computed with mpmath at 60 significant digits from the textbook definitions,
independently of the Java code, and rounded once to the nearest double. At a kink the
derivative is the value PyTorch's autograd uses there (given explicitly below).

Run from this directory:  python3 make_reference_values.py > \
    ../resources/org/rnn4j/activations/reference-values.csv
"""
from mpmath import mp, mpf, exp, expm1, log1p, tanh, cosh

mp.dps = 60

POINTS = ["-800", "-40", "-10", "-2.5", "-1", "-0.5", "-0.001", "0",
          "0.001", "0.5", "1", "2.5", "10", "40", "800"]


def sigmoid(x):
    return 1 / (1 + exp(-x))


def sigmoid_prime(x):
    return exp(-x) / (1 + exp(-x)) ** 2


def hard_sigmoid(x):
    return min(max(x / 6 + mpf(1) / 2, mpf(0)), mpf(1))


def kink(value):
    """A derivative fixed by convention at a kink, not by the calculus."""
    return lambda x: mpf(value)


def branch(test, left, right):
    return lambda x: left(x) if test(x) else right(x)


FUNCTIONS = {
    # name: (f, f', extra points, {kink point: derivative convention})
    "sigmoid": (sigmoid, sigmoid_prime, ["-4.0001", "4", "4.0001"], {}),
    "tanh": (tanh, lambda x: 1 / cosh(x) ** 2, ["0.25", "2", "2.0001", "4"], {}),
    "identity": (lambda x: x, lambda x: mpf(1), [], {}),
    "relu": (lambda x: max(x, mpf(0)), branch(lambda x: x > 0, kink(1), kink(0)), [],
             {"0": 0}),
    "leaky_relu": (lambda x: x if x > 0 else x / 100,
                   branch(lambda x: x > 0, kink(1), kink("0.01")), [], {"0": "0.01"}),
    "elu": (lambda x: x if x > 0 else expm1(x),
            lambda x: mpf(1) if x > 0 else exp(x), ["-37", "-38"], {"0": 1}),
    "softplus": (lambda x: log1p(exp(x)), sigmoid, [], {}),
    "softsign": (lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2, [], {}),
    "hard_sigmoid": (hard_sigmoid,
                     lambda x: mpf(1) / 6 if -3 < x < 3 else mpf(0),
                     ["-3", "-2.9", "2.9", "3", "-3.1", "3.1"], {"-3": 0, "3": 0}),
}


def main():
    print("# name,x,f(x),f'(x): mpmath, 60 digits, rounded to double;"
          " written by src/test/python/make_reference_values.py")
    for name, (f, df, extra, conventions) in FUNCTIONS.items():
        points = sorted(set(POINTS + extra + list(conventions)), key=mpf)
        for p in points:
            x = mpf(float(p))  # exactly the double the test will pass
            y = f(x)
            dy = mpf(conventions[p]) if p in conventions else df(x)
            print(f"{name},{float(x)!r},{float(y)!r},{float(dy)!r}")


if __name__ == "__main__":
    main()
