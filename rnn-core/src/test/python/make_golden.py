#!/usr/bin/env python3
"""Golden fixtures for rnn4j's PyTorch parity test (PyTorchParityTest), made once with PyTorch so
that CI checks parity without installing it.

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 rnn-core/src/test/python/make_golden.py

Both directions, in rnn-core/src/test/resources/org/rnn4j/core/io/pytorch/:

PyTorch -> rnn4j: for each case in TORCH_CASES, build torch.nn.RNN + torch.nn.Linear in float64
  with PyTorch's own seeded initialisation, write its state_dict as torch_<case>.safetensors (with
  the rnn4j metadata, by the small safetensors writer below) and its outputs and cross-entropy
  loss on seeded one-hot inputs as torch_<case>.json. The Java test loads the file and must give
  the same outputs to 1e-12.

rnn4j -> PyTorch: for each rnn4j_<case>.safetensors written by rnn4j (the Java test writes them
  with -Drnn4j.writeGolden=true), read it with the small safetensors reader below, build the
  PyTorch modules from its metadata, load_state_dict(strict=True), and write PyTorch's outputs as
  rnn4j_<case>_torch.json. The Java test checks that rnn4j computes the same to 1e-12.

The safetensors package is not in Debian 12, so the format is read and written here by hand,
following the specification: 8-byte little-endian header length, JSON header, little-endian data.
"""
import json
import pathlib
import struct
import sys

import torch
from torch import nn

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources/org/rnn4j/core/io/pytorch"

# name: (vocabulary, hidden size, layers, nonlinearity, rnn bias, steps, batch, seed)
TORCH_CASES = {
    "rnn_tanh_2layers": ("helo!,", 7, 2, "tanh", True, 5, 3, 1),
    "rnn_relu_nobias": ("abcd", 4, 1, "relu", False, 6, 2, 2),
}


class CharRnn(nn.Module):
    """The modules an rnn4j uniform elman stack maps onto: rnn + decoder."""

    def __init__(self, vocab, hidden, layers, nonlinearity, bias):
        super().__init__()
        self.rnn = nn.RNN(vocab, hidden, layers, nonlinearity=nonlinearity, bias=bias)
        self.decoder = nn.Linear(hidden, vocab)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.decoder(y)


def write_safetensors(path, tensors, metadata):
    """tensors: list of (name, float64 tensor) in file order."""
    header = {"__metadata__": metadata}
    data = bytearray()
    for name, t in tensors:
        raw = t.detach().contiguous().numpy().astype("<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    path.write_bytes(struct.pack("<Q", len(h)) + h + bytes(data))


def read_safetensors(path):
    """Returns (dict name -> float64 tensor, metadata), checking what the spec requires."""
    b = path.read_bytes()
    (n,) = struct.unpack("<Q", b[:8])
    assert 8 + n <= len(b), "header length beyond the file"
    header = json.loads(b[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(v, str) for v in metadata.values()), "metadata values must be strings"
    data = b[8 + n:]
    tensors, end = {}, 0
    for name, e in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        assert e["dtype"] == "F64", name
        begin, stop = e["data_offsets"]
        assert begin == end, "tensors must be contiguous: " + name
        count = 1
        for d in e["shape"]:
            count *= d
        assert stop - begin == 8 * count, "size of " + name
        values = struct.unpack("<%dd" % count, data[begin:stop])
        tensors[name] = torch.tensor(values, dtype=torch.float64).reshape(e["shape"])
        end = stop
    assert end == len(data), "the tensors must cover the data section"
    return tensors, metadata


def one_hot_batch(vocab_size, steps, batch, seed):
    g = torch.Generator().manual_seed(seed)
    inputs = torch.randint(vocab_size, (steps, batch), generator=g)
    targets = torch.randint(vocab_size, (steps, batch), generator=g)
    x = nn.functional.one_hot(inputs, vocab_size).to(torch.float64)
    return inputs, targets, x


def run(model, inputs, targets, x):
    with torch.no_grad():
        y = model(x)
        loss = nn.functional.cross_entropy(y.reshape(-1, y.shape[-1]), targets.reshape(-1))
    return {
        "steps": int(x.shape[0]),
        "batch": int(x.shape[1]),
        "inputs": inputs.tolist(),
        "targets": targets.tolist(),
        "outputs": [float(v) for v in y.reshape(-1).tolist()],
        "loss": float(loss),
        "torch_version": torch.__version__,
    }


def rnn4j_metadata(vocab, hidden, layers, nonlinearity, bias):
    options = {"activation": nonlinearity}
    if not bias:
        options["bias"] = "false"
    layer = {"kind": "elman", "size": hidden, "options": options}
    return {
        "format": "rnn4j-model",
        "format_version": "1",
        "rnn4j_version": "written by make_golden.py with torch " + torch.__version__,
        "cell": "elman",
        "num_layers": str(layers),
        "hidden_size": str(hidden),
        "nonlinearity": nonlinearity,
        "bias": "true" if bias else "false",
        "input_size": str(len(vocab)),
        "vocabulary": vocab,
        "layers": json.dumps([layer] * layers, separators=(",", ":")),
        "output": json.dumps({"kind": "dense", "size": len(vocab), "options": {}}, separators=(",", ":")),
        "loss": "softmax_cross_entropy",
        "reduction": "mean",
    }


def torch_to_rnn4j():
    for name, (vocab, hidden, layers, nl, bias, steps, batch, seed) in TORCH_CASES.items():
        torch.manual_seed(seed)
        model = CharRnn(len(vocab), hidden, layers, nl, bias).double()
        if bias:  # PyTorch's init leaves b_hh non-zero, so the Java test checks that b_ih + b_hh is summed
            assert all(getattr(model.rnn, "bias_hh_l%d" % k).abs().sum() > 0 for k in range(layers))
        state = list(model.state_dict().items())
        write_safetensors(OUT / ("torch_%s.safetensors" % name), state, rnn4j_metadata(vocab, hidden, layers, nl, bias))
        golden = run(model, *one_hot_batch(len(vocab), steps, batch, 100 + seed))
        (OUT / ("torch_%s.json" % name)).write_text(json.dumps(golden, indent=1) + "\n")
        print("wrote torch_%s: %s, loss %.17g" % (name, [k for k, _ in state], golden["loss"]))


def rnn4j_to_torch():
    for path in sorted(OUT.glob("rnn4j_*.safetensors")):
        tensors, md = read_safetensors(path)
        assert md["format"] == "rnn4j-model" and md["cell"] == "elman", md
        vocab = md["vocabulary"]
        layers, hidden = int(md["num_layers"]), int(md["hidden_size"])
        model = CharRnn(len(vocab), hidden, layers, md["nonlinearity"], md["bias"] == "true").double()
        missing = model.load_state_dict(tensors, strict=True)  # raises on any missing or unexpected name
        print("%s: load_state_dict(strict=True) -> %s" % (path.name, missing))
        golden = run(model, *one_hot_batch(len(vocab), 7, 3, 200))
        out = path.with_name(path.stem + "_torch.json")
        out.write_text(json.dumps(golden, indent=1) + "\n")
        print("wrote %s, loss %.17g" % (out.name, golden["loss"]))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    torch_to_rnn4j()
    rnn4j_to_torch()
    sys.exit(0)
