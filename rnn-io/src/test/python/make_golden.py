#!/usr/bin/env python3
"""Golden fixtures for rnn4j's PyTorch parity test (PyTorchParityTest), made once with PyTorch so
that CI checks parity without installing it.

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):

    /usr/bin/python3 rnn-io/src/test/python/make_golden.py

Both directions, in rnn-io/src/test/resources/org/rnn4j/io/model/pytorch/:

PyTorch -> rnn4j: for each case in TORCH_CASES, build torch.nn.RNN / LSTM / GRU (uniform stacks,
  bidirectional or not, with dropout) or a ModuleList of one-layer modules (a mixed stack) under a
  torch.nn.Linear, in float64 with PyTorch's own seeded initialisation; write its state_dict as
  torch_<case>.safetensors (with the rnn4j metadata, by the small safetensors writer below) and
  its outputs (in eval mode) and cross-entropy loss on seeded one-hot inputs as torch_<case>.json.
  The Java test loads the file and must give the same outputs to 1e-12.

PyTorch -> rnn4j in float32: the same cases with the model cast by .float(), written as
  torch32_<case>.safetensors (F32 tensors, metadata precision=float32) with PyTorch's float32
  outputs and, as reference_outputs, the float64 outputs of the same float32-valued weights
  (model.double()). The Java test loads the file into a float32 network and measures both float32
  results against the reference with the float32 agreement bound.

rnn4j -> PyTorch: for each rnn4j_<case>.safetensors written by rnn4j (the Java test writes them
  with -Drnn4j.writeGolden=true), read it with the small safetensors reader below, build the
  PyTorch modules from its metadata alone, load_state_dict(strict=True), and write PyTorch's
  outputs as rnn4j_<case>_torch.json. The Java test checks that rnn4j computes the same to 1e-12.

The safetensors package is not in Debian 12, so the format is read and written here by hand,
following the specification: 8-byte little-endian header length, JSON header, little-endian data.
"""
import json
import pathlib
import struct
import sys

import torch
from torch import nn

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources/org/rnn4j/io/model/pytorch"
MODULES = {"elman": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}

# One layer: (cell, hidden size, nonlinearity for elman, bias, bidirectional).
# A case: vocabulary, layers, dropout, steps, batch, seed. All layers alike = one PyTorch module.
TORCH_CASES = {
    "rnn_tanh_2layers": ("helo!,", [("elman", 7, "tanh", True, False)] * 2, 0.0, 5, 3, 1),
    "rnn_relu_nobias": ("abcd", [("elman", 4, "relu", False, False)], 0.0, 6, 2, 2),
    "lstm_2layers": ("abcde", [("lstm", 4, None, True, False)] * 2, 0.0, 5, 2, 3),
    "gru_2layers_dropout": ("abcde", [("gru", 4, None, True, False)] * 2, 0.3, 5, 2, 4),
    "lstm_bidirectional": ("wxyz", [("lstm", 3, None, True, True)] * 2, 0.0, 4, 3, 5),
    "mixed_rnn_lstm_gru": ("pqrstu", [("elman", 4, "tanh", True, False), ("lstm", 3, None, True, True),
                                      ("gru", 5, None, False, False)], 0.0, 5, 2, 6),
}


def recurrent(cell, inputs, hidden, layers, nonlinearity, bias, bidirectional, dropout):
    kw = {"bias": bias, "bidirectional": bidirectional, "dropout": dropout}
    if cell == "elman":
        kw["nonlinearity"] = nonlinearity
    return MODULES[cell](inputs, hidden, layers, **kw)


class CharRnn(nn.Module):
    """What an rnn4j stack maps onto: rnn (uniform) or layers (mixed), then decoder."""

    def __init__(self, vocab_size, layers, dropout):
        super().__init__()
        cell, hidden, nl, bias, bi = layers[0]
        self.uniform = all(layer == layers[0] for layer in layers)
        if self.uniform:
            self.rnn = recurrent(cell, vocab_size, hidden, len(layers), nl, bias, bi, dropout)
            width = hidden * (2 if bi else 1)
        else:
            mods, width = [], vocab_size
            for cell, hidden, nl, bias, bi in layers:
                mods.append(recurrent(cell, width, hidden, 1, nl, bias, bi, 0.0))
                width = hidden * (2 if bi else 1)
            self.layers = nn.ModuleList(mods)
        self.decoder = nn.Linear(width, vocab_size)

    def forward(self, x):
        if self.uniform:
            x, _ = self.rnn(x)
        else:
            for m in self.layers:
                x, _ = m(x)
        return self.decoder(x)


def write_safetensors(path, tensors, metadata, dtype="F64"):
    """tensors: list of (name, tensor) in file order, written as dtype (F64 or F32)."""
    header = {"__metadata__": metadata}
    data = bytearray()
    for name, t in tensors:
        raw = t.detach().contiguous().numpy().astype("<f8" if dtype == "F64" else "<f4").tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
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
    x = x.to(next(model.parameters()).dtype)
    model.eval()
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


def rnn4j_metadata(vocab, layers, dropout):
    """The metadata rnn4j writes for this stack (see ModelMetadata.java)."""
    configs = []
    for cell, hidden, nl, bias, bi in layers:
        options = {}
        if cell == "elman":
            options["activation"] = nl
        if not bias:
            options["bias"] = "false"
        if bi:
            options["bidirectional"] = "true"
        configs.append({"kind": cell, "size": hidden, "options": dict(sorted(options.items()))})
    uniform = all(layer == layers[0] for layer in layers)
    cell, hidden, nl, bias, bi = layers[0]
    md = {
        "format": "rnn4j-model",
        "format_version": "1",
        "rnn4j_version": "written by make_golden.py with torch " + torch.__version__,
        "cell": cell if uniform else "mixed",
        "num_layers": str(len(layers)),
    }
    if all(layer[1] == hidden for layer in layers):
        md["hidden_size"] = str(hidden)
    if uniform and cell == "elman":
        md["nonlinearity"] = nl
    if uniform:
        md["bias"] = "true" if bias else "false"
        md["bidirectional"] = "true" if bi else "false"
    md.update({
        "input_size": str(len(vocab)),
        "vocabulary": vocab,
        "layers": json.dumps(configs, separators=(",", ":")),
        "output": json.dumps({"kind": "dense", "size": len(vocab), "options": {}}, separators=(",", ":")),
        "loss": "softmax_cross_entropy",
        "reduction": "mean",
        "dropout": repr(float(dropout)),
    })
    return md


def layers_from_metadata(md):
    """The stack as this script describes it, from an rnn4j file's metadata alone."""
    out = []
    for c in json.loads(md["layers"]):
        o = c["options"]
        assert set(o) <= {"activation", "bias", "bidirectional"}, "PyTorch cannot express " + str(o)
        out.append((c["kind"], c["size"], o.get("activation", "tanh") if c["kind"] == "elman" else None,
                    o.get("bias", "true") == "true", o.get("bidirectional", "false") == "true"))
    return out


def torch_to_rnn4j():
    for name, (vocab, layers, dropout, steps, batch, seed) in TORCH_CASES.items():
        torch.manual_seed(seed)
        model = CharRnn(len(vocab), layers, dropout).double()
        state = list(model.state_dict().items())
        # PyTorch's init leaves b_hh non-zero, so the Java test checks that b_ih + b_hh is summed
        assert all(v.abs().sum() > 0 for k, v in state if ".bias_hh" in k)
        write_safetensors(OUT / ("torch_%s.safetensors" % name), state, rnn4j_metadata(vocab, layers, dropout))
        golden = run(model, *one_hot_batch(len(vocab), steps, batch, 100 + seed))
        (OUT / ("torch_%s.json" % name)).write_text(json.dumps(golden, indent=1) + "\n")
        print("wrote torch_%s: %d tensors, loss %.17g" % (name, len(state), golden["loss"]))


def torch_to_rnn4j_float32():
    """The same cases in float32: PyTorch's model cast with .float(), its state_dict written as F32
    tensors (file metadata precision=float32), its float32 outputs, and the float64 outputs of the
    very same (float32-valued) weights as the reference both float32 results are measured against."""
    for name, (vocab, layers, dropout, steps, batch, seed) in TORCH_CASES.items():
        torch.manual_seed(seed)
        model = CharRnn(len(vocab), layers, dropout).float()
        state = list(model.state_dict().items())
        md = rnn4j_metadata(vocab, layers, dropout)
        md["precision"] = "float32"
        write_safetensors(OUT / ("torch32_%s.safetensors" % name), state, md, dtype="F32")
        batch_data = one_hot_batch(len(vocab), steps, batch, 100 + seed)
        golden = run(model, *batch_data)
        golden["reference_outputs"] = run(model.double(), *batch_data)["outputs"]
        (OUT / ("torch32_%s.json" % name)).write_text(json.dumps(golden, indent=1) + "\n")
        print("wrote torch32_%s: %d tensors, loss %.9g" % (name, len(state), golden["loss"]))


def rnn4j_to_torch():
    for path in sorted(OUT.glob("rnn4j_*.safetensors")):
        tensors, md = read_safetensors(path)
        assert md["format"] == "rnn4j-model", md
        vocab = md["vocabulary"]
        model = CharRnn(len(vocab), layers_from_metadata(md), float(md["dropout"])).double()
        result = model.load_state_dict(tensors, strict=True)  # raises on any missing or unexpected name or shape
        print("%s: load_state_dict(strict=True) -> %s" % (path.name, result))
        golden = run(model, *one_hot_batch(len(vocab), 7, 3, 200))
        out = path.with_name(path.stem + "_torch.json")
        out.write_text(json.dumps(golden, indent=1) + "\n")
        print("wrote %s, loss %.17g" % (out.name, golden["loss"]))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    torch_to_rnn4j()
    torch_to_rnn4j_float32()
    rnn4j_to_torch()
    sys.exit(0)
