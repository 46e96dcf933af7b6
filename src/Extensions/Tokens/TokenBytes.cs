using System.Buffers.Binary;

namespace Agora.Signaling;

/// <summary>
/// Writes the little-endian, u16-length-prefixed primitives shared by 006 and 007 tokens into a span.
/// </summary>
internal ref struct TokenWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;

    public int Position { get; private set; }

    public void U16(int value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer[Position..], checked((ushort)value));
        Position += 2;
    }

    public void U32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer[Position..], value);
        Position += 4;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        U16(value.Length);
        Raw(value);
    }

    public void Raw(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer[Position..]);
        Position += value.Length;
    }

    /// <summary>Writes an ASCII string with its u16 length; callers have checked it is ASCII.</summary>
    public void Ascii(string value)
    {
        U16(value.Length);
        Position += System.Text.Encoding.ASCII.GetBytes(value, _buffer[Position..]);
    }

    /// <summary>Writes a string as UTF-8 with its u16 byte length.</summary>
    public void Utf8(string value)
    {
        int length = System.Text.Encoding.UTF8.GetBytes(value, _buffer[(Position + 2)..]);
        U16(length);
        Position += length;
    }

    /// <summary>Reserves room for a later write and returns its offset.</summary>
    public int Skip(int length)
    {
        int at = Position;
        Position += length;
        return at;
    }
}

/// <summary>
/// Reads the primitives of 006 and 007 tokens. Unlike the reference implementations it never pads a
/// short read with zeros: a truncated token is a <see cref="SignalingTokenFormatException"/>.
/// </summary>
internal ref struct TokenReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public ushort U16()
    {
        var value = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
        return value;
    }

    public short I16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ReadOnlySpan<byte> Bytes() => Take(U16());

    public string Utf8() => System.Text.Encoding.UTF8.GetString(Bytes());

    public ReadOnlySpan<byte> Take(int length)
    {
        if (length > Remaining)
        {
            throw new SignalingTokenFormatException("The token is truncated.");
        }

        var slice = _data.Slice(Position, length);
        Position += length;
        return slice;
    }
}
