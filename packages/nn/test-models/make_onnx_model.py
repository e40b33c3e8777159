"""Makes the small ONNX test model of @qt-backtest/nn and its reference predictions.

Run from this folder with Debian's python3-onnx (1.12.0) and python3-numpy (1.24.2):
    python3 make_onnx_model.py
It writes sequence-mlp.onnx (input "features": float32 [N, 60, 5] → Reshape [N, 300] → MatMul
[300, 16] → Add → Tanh → MatMul [16, 1] → Add → output "prediction" [N, 1]; metadata_props
"feature_names" lists the 5 features in column order) and sequence-mlp.reference.json: the
predictions numpy computes in float32 for the first 64 samples of the deterministic input
x[i, s, f] = sin(0.37 * (i * 300 + s * 5 + f)) * (1 + f / 10), computed when the model was made.
"""
import json

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

STEPS, COLS, HIDDEN = 60, 5, 16
FEATURES = ["ret1", "ret5", "vol20", "rsi14", "volumeZ"]

rng = np.random.RandomState(7)
w1 = (rng.standard_normal((STEPS * COLS, HIDDEN)) / np.sqrt(STEPS * COLS)).astype(np.float32)
b1 = (0.1 * rng.standard_normal(HIDDEN)).astype(np.float32)
w2 = (rng.standard_normal((HIDDEN, 1)) / np.sqrt(HIDDEN)).astype(np.float32)
b2 = np.array([0.05], dtype=np.float32)
shape = np.array([-1, STEPS * COLS], dtype=np.int64)

graph = helper.make_graph(
    [
        helper.make_node("Reshape", ["features", "flat_shape"], ["flat"]),
        helper.make_node("MatMul", ["flat", "w1"], ["h_pre"]),
        helper.make_node("Add", ["h_pre", "b1"], ["h_lin"]),
        helper.make_node("Tanh", ["h_lin"], ["h"]),
        helper.make_node("MatMul", ["h", "w2"], ["o_pre"]),
        helper.make_node("Add", ["o_pre", "b2"], ["prediction"]),
    ],
    "sequence_mlp",
    [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", STEPS, COLS])],
    [helper.make_tensor_value_info("prediction", TensorProto.FLOAT, ["batch", 1])],
    [
        numpy_helper.from_array(shape, "flat_shape"),
        numpy_helper.from_array(w1, "w1"),
        numpy_helper.from_array(b1, "b1"),
        numpy_helper.from_array(w2, "w2"),
        numpy_helper.from_array(b2, "b2"),
    ],
)
model = helper.make_model(graph, producer_name="qt-backtest make_onnx_model.py", opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 7
helper.set_model_props(model, {"feature_names": ",".join(FEATURES), "steps": str(STEPS)})
onnx.checker.check_model(model)
onnx.save(model, "sequence-mlp.onnx")

n = 64
i, s, f = np.meshgrid(np.arange(n), np.arange(STEPS), np.arange(COLS), indexing="ij")
x = (np.sin(0.37 * (i * 300 + s * 5 + f)) * (1 + f / 10)).astype(np.float32)
pred = (np.tanh(x.reshape(n, -1) @ w1 + b1) @ w2 + b2).astype(np.float32)
with open("sequence-mlp.reference.json", "w") as out:
    json.dump(
        {
            "source": "make_onnx_model.py with onnx %s, numpy %s (float32)" % (onnx.__version__, np.__version__),
            "input": "x[i, s, f] = sin(0.37 * (i * 300 + s * 5 + f)) * (1 + f / 10), i < 64",
            "featureNames": FEATURES,
            "steps": STEPS,
            "prediction": [float(v) for v in pred[:, 0]],
        },
        out,
        indent=1,
    )
    out.write("\n")
print("wrote sequence-mlp.onnx and sequence-mlp.reference.json")
