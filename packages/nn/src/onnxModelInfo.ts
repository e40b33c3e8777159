/**
 * Reads what `loadOnnxModel` checks from an ONNX file without a protobuf dependency: the graph's
 * inputs and outputs (names, element types, shapes) and the model's `metadata_props`. A minimal
 * reader of the protobuf wire format, for the few ModelProto fields it needs (onnx.proto3:
 * ModelProto.graph = 7, metadata_props = 14; GraphProto.input = 11, output = 12, initializer = 5;
 * ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1; Tensor.elem_type = 1, shape = 2;
 * TensorShapeProto.dim = 1; Dimension.dim_value = 1, dim_param = 2).
 */

/** One graph input or output. `shape` holds numbers for fixed sizes and names (or null) for free ones. */
export interface OnnxValueInfo {
  readonly name: string;
  /** ONNX TensorProto.DataType (1 = float32, 11 = float64, 7 = int64). */
  readonly elementType: number;
  readonly shape: readonly (number | string | null)[];
}

/** What {@link readOnnxModelInfo} finds in a model file. */
export interface OnnxModelInfo {
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly metadata: Readonly<Record<string, string>>;
}

class Reader {
  pos = 0;
  readonly bytes: Uint8Array;
  readonly end: number;
  constructor(bytes: Uint8Array, end: number = bytes.length) {
    this.bytes = bytes;
    this.end = end;
  }
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const b = this.bytes[this.pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
      if (shift > 63) throw new Error('varint too long');
    }
  }
  /** Calls `field(number, wireType, sub)` for each field; `sub` is a reader of a length-delimited payload. */
  fields(field: (num: number, wire: number, sub: Reader | null, value: number) => void): void {
    while (this.pos < this.end) {
      const key = this.varint();
      const num = Math.floor(key / 8);
      const wire = key & 7;
      if (wire === 0) field(num, wire, null, this.varint());
      else if (wire === 1) this.skip(8);
      else if (wire === 5) this.skip(4);
      else if (wire === 2) {
        const len = this.varint();
        if (this.pos + len > this.end) throw new Error('truncated field');
        const sub = new Reader(this.bytes, this.pos + len);
        sub.pos = this.pos;
        this.pos += len;
        field(num, wire, sub, len);
      } else throw new Error(`unsupported wire type ${wire}`);
    }
  }
  skip(n: number): void {
    if (this.pos + n > this.end) throw new Error('truncated field');
    this.pos += n;
  }
  text(): string {
    return new TextDecoder().decode(this.bytes.subarray(this.pos, this.end));
  }
}

function valueInfo(r: Reader): OnnxValueInfo {
  let name = '';
  let elementType = 0;
  const shape: (number | string | null)[] = [];
  r.fields((num, _w, sub) => {
    if (num === 1 && sub) name = sub.text();
    if (num === 2 && sub) {
      sub.fields((tnum, _tw, tsub) => {
        if (tnum !== 1 || !tsub) return; // tensor_type only
        tsub.fields((fnum, _fw, fsub, value) => {
          if (fnum === 1 && !fsub) elementType = value;
          if (fnum === 2 && fsub) {
            fsub.fields((dnum, _dw, dsub) => {
              if (dnum !== 1 || !dsub) return;
              let dim: number | string | null = null;
              dsub.fields((vnum, _vw, vsub, v) => {
                if (vnum === 1 && !vsub) dim = v;
                if (vnum === 2 && vsub) dim = vsub.text();
              });
              shape.push(dim);
            });
          }
        });
      });
    }
  });
  return { name, elementType, shape };
}

/**
 * Parses the inputs, outputs and metadata of an ONNX model. Graph inputs that are also
 * initializers (weights, in old IR versions) are not reported as inputs.
 *
 * @throws {Error} when the bytes are not a well-formed ONNX protobuf.
 * @example
 * readOnnxModelInfo(readFileSync('model.onnx')).inputs[0].shape; // ['batch', 60, 5]
 */
export function readOnnxModelInfo(bytes: Uint8Array): OnnxModelInfo {
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  const initializers = new Set<string>();
  const metadata: Record<string, string> = {};
  let sawGraph = false;
  new Reader(bytes).fields((num, _w, sub) => {
    if (num === 7 && sub) {
      sawGraph = true;
      sub.fields((gnum, _gw, gsub) => {
        if (!gsub) return;
        if (gnum === 11) inputs.push(valueInfo(gsub));
        if (gnum === 12) outputs.push(valueInfo(gsub));
        if (gnum === 5) {
          gsub.fields((tnum, _tw, tsub) => {
            if (tnum === 8 && tsub) initializers.add(tsub.text());
          });
        }
      });
    }
    if (num === 14 && sub) {
      let key = '';
      let value = '';
      sub.fields((pnum, _pw, psub) => {
        if (pnum === 1 && psub) key = psub.text();
        if (pnum === 2 && psub) value = psub.text();
      });
      metadata[key] = value;
    }
  });
  if (!sawGraph) throw new Error('no graph found: not an ONNX model');
  return { inputs: inputs.filter((i) => !initializers.has(i.name)), outputs, metadata };
}
