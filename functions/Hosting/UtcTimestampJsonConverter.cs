using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Every timestamp in an answer has one form: ISO 8601 in UTC with milliseconds, <c>2026-11-30T13:35:00.123Z</c>.
/// (The default writes the stored offset and up to seven fractional digits, so one instant could read two ways.)
/// Reading accepts any ISO 8601 form.
/// </summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
