using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace Primatomic.Functions.Fanout.EventHubs;

/// <summary>
/// The Service Bus / Event Hubs SAS token: an HMAC-SHA256 with the shared key over the URL-encoded resource URI, a
/// newline and the expiry (Unix seconds). Encoding as in Microsoft's "Generate SAS token" sample (HttpUtility.UrlEncode).
/// </summary>
public static class SharedAccessSignature
{
    public static string Create(Uri resource, string keyName, string key, DateTimeOffset expiry)
    {
        var encodedResource = HttpUtility.UrlEncode(resource.AbsoluteUri.TrimEnd('/'));
        var expires = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(key, encodedResource + "\n" + expires);
        return $"SharedAccessSignature sr={encodedResource}&sig={HttpUtility.UrlEncode(signature)}&se={expires}&skn={HttpUtility.UrlEncode(keyName)}";
    }

    public static string Sign(string key, string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(stringToSign)));
}
