using System.Text;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>Reads the component binary format (the component model's Binary.md): LEB128 integers, names, sections.</summary>
internal ref struct ComponentReader(ReadOnlySpan<byte> bytes, int position)
{
    private readonly ReadOnlySpan<byte> bytes = bytes;

    public int Position { get; private set; } = position;

    public readonly bool AtEnd => Position >= bytes.Length;

    public byte Byte()
    {
        Need(1);
        return bytes[Position++];
    }

    public uint U32()
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var next = Byte();
            result |= (uint)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidViewException("The component is malformed (an integer is too long).");
    }

    public string Name()
    {
        var length = (int)U32();
        Need(length);
        var name = Encoding.UTF8.GetString(bytes.Slice(Position, length));
        Position += length;
        return name;
    }

    /// <summary>importname' / exportname': 0x00 name, or 0x01 name with a version suffix (skipped).</summary>
    public string ExternName()
    {
        var kind = Byte();
        var name = Name();
        if (kind == 0x01)
        {
            Name();
        }

        return name;
    }

    public void Skip(int count)
    {
        Need(count);
        Position += count;
    }

    private readonly void Need(int count)
    {
        if (count < 0 || Position + count > bytes.Length)
        {
            throw new InvalidViewException("The component is malformed (it ends in the middle of a section).");
        }
    }
}

/// <summary>Writes component sections: LEB128 integers, names, and whole sections with their size.</summary>
internal sealed class ComponentWriter
{
    private readonly List<byte> bytes = [];

    public ComponentWriter Byte(byte value)
    {
        bytes.Add(value);
        return this;
    }

    public ComponentWriter U32(uint value)
    {
        do
        {
            var next = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? next : (byte)(next | 0x80));
        }
        while (value != 0);
        return this;
    }

    public ComponentWriter Name(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        U32((uint)utf8.Length);
        bytes.AddRange(utf8);
        return this;
    }

    public ComponentWriter Raw(ReadOnlySpan<byte> raw)
    {
        bytes.AddRange(raw);
        return this;
    }

    /// <summary>Appends a section: its id, its size, then what <paramref name="content"/> wrote.</summary>
    public ComponentWriter Section(byte id, Action<ComponentWriter> content)
    {
        var body = new ComponentWriter();
        content(body);
        Byte(id).U32((uint)body.bytes.Count);
        bytes.AddRange(body.bytes);
        return this;
    }

    public byte[] ToArray() => [.. bytes];
}
