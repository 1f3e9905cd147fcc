using System.Runtime.InteropServices;
using System.Text;

namespace GridSearch.Core.Models;

/// <summary>
/// Writes one protocol-buffers message in the wire format (varints, length-delimited fields), enough
/// for the handful of ONNX messages <see cref="OnnxExport"/> needs; a nested message is written by a
/// writer of its own and embedded as bytes. It saves a code generator and a runtime package for what
/// is a few field numbers of onnx.proto.
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0;
    private const int LengthDelimited = 2;

    private readonly MemoryStream output = new();

    public ProtoWriter Int64(int field, long value)
    {
        Tag(field, Varint);
        Raw((ulong)value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter Strings(int field, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            String(field, value);
        }

        return this;
    }

    public ProtoWriter Messages(int field, IEnumerable<ProtoWriter> messages)
    {
        foreach (var message in messages)
        {
            Message(field, message);
        }

        return this;
    }

    /// <summary>A repeated int64 field, one tag per value (proto2's unpacked form, which onnx.proto declares).</summary>
    public ProtoWriter Int64s(int field, IEnumerable<long> values)
    {
        foreach (var value in values)
        {
            Int64(field, value);
        }

        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BitConverter.TryWriteBytes(bytes, value);
        output.Write(bytes);
        return this;
    }

    /// <summary>Float32 values, little-endian, as a bytes field (ONNX's raw_data).</summary>
    public ProtoWriter RawFloats(int field, ReadOnlySpan<float> values) => Bytes(field, MemoryMarshal.AsBytes(values));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> bytes)
    {
        Tag(field, LengthDelimited);
        Raw((ulong)bytes.Length);
        output.Write(bytes);
        return this;
    }

    public byte[] ToArray() => output.ToArray();

    private void Tag(int field, int wireType) => Raw(((ulong)field << 3) | (uint)wireType);

    private void Raw(ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }
}
