using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// The signing keys, kept in one JSON blob and cached in memory. Every write is conditional (If-None-Match on
/// creation, If-Match on rotation), so instances that boot or rotate at the same time converge on one document.
/// </summary>
internal sealed partial class SigningKeyStore(StorageClients storage, IOptions<AuthOptions> options, TimeProvider time,
    ILogger<SigningKeyStore> logger) : IDisposable
{
    public const string ContainerName = "system";
    private const string BlobName = "signing-keys.json";
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile KeySet _keys = KeySet.Empty;
    private long _generation;

    private BlobClient Blob => storage.Container(ContainerName).GetBlobClient(BlobName);

    /// <summary>
    /// Retired keys stay valid until every token they signed has expired. An instance that has not refreshed yet may
    /// still sign with a retired key for up to one refresh interval, so that is added to lifetime plus skew.
    /// </summary>
    public TimeSpan Retention => options.Value.AccessTokenLifetime + AuthOptions.ClockSkew + SigningKeyRefresher.Interval;

    public SigningKey Active => _keys.Active ?? throw new InvalidOperationException("Signing keys are not loaded yet.");

    /// <summary>Keys that may validate a token now: the active one and retired ones still inside their retention.</summary>
    public IReadOnlyList<SigningKey> ValidationKeys
    {
        get
        {
            var now = time.GetUtcNow();
            return _keys.All.Where(key => key.IsUsableForValidation(now, Retention)).ToList();
        }
    }

    public bool Knows(string kid) => _keys.All.Any(key => key.KeyId == kid);

    /// <summary>Changes whenever a key is added, retired or dropped, so cached validations made under the old set are dropped.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Loads the keys, creating the first one if the blob does not exist yet.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (document, _) = await DownloadAsync(cancellationToken);
            if (document is not null && document.Keys.Count > 0)
            {
                Apply(document);
                return;
            }

            var created = new SigningKeyDocument { Keys = [NewKey()] };
            if (await TryUploadAsync(created, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken))
            {
                LogKeyCreated(logger, created.Keys[0].Kid);
                Apply(created);
                return;
            }

            // Another instance created it first; loop and adopt theirs.
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var (document, _) = await DownloadAsync(cancellationToken);
            if (document is not null && document.Keys.Count > 0)
            {
                Apply(document);
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Adds a new active key, retires the current one and drops keys whose retention has passed.</summary>
    public async Task<SigningKey> RotateAsync(CancellationToken cancellationToken)
    {
        StoredSigningKey? added = null;
        while (true)
        {
            var (document, etag) = await DownloadAsync(cancellationToken);
            if (document is null || etag is null)
            {
                await InitializeAsync(cancellationToken);
                continue;
            }

            // Our write landed but its answer was lost (the SDK's retry then met 412): it is done, not to be redone.
            if (added is not null && document.Keys.Any(key => key.Kid == added.Kid))
            {
                Apply(document);
                return Active;
            }

            var now = time.GetUtcNow();
            foreach (var key in document.Keys)
            {
                key.RetiredAt ??= now;
            }

            document.Keys.RemoveAll(key => key.RetiredAt is { } retired && retired + Retention <= now);
            added = NewKey();
            document.Keys.Add(added);
            if (await TryUploadAsync(document, new BlobRequestConditions { IfMatch = etag }, cancellationToken))
            {
                LogKeyRotated(logger, added.Kid);
                Apply(document);
                return Active;
            }
        }
    }

    public void Dispose() => _refreshGate.Dispose();

    private StoredSigningKey NewKey()
    {
        using var rsa = RSA.Create(2048);
        return new StoredSigningKey
        {
            Kid = Guid.NewGuid().ToString("N"),
            CreatedAt = time.GetUtcNow(),
            PrivateKey = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
        };
    }

    private void Apply(SigningKeyDocument document)
    {
        // Reuse RSA objects we already hold: they may be in use by a request right now, and importing is not free.
        var known = _keys.All.ToDictionary(key => key.KeyId);
        var keys = document.Keys.Select(stored =>
        {
            var rsa = known.TryGetValue(stored.Kid, out var existing) ? existing.Rsa : Import(stored.PrivateKey);
            return new SigningKey(stored.Kid, rsa, stored.CreatedAt, stored.RetiredAt);
        }).ToList();
        var active = keys.Where(key => key.RetiredAt is null).MaxBy(key => key.CreatedAt) ?? keys.MaxBy(key => key.CreatedAt);
        var changed = !_keys.All.Select(Fingerprint).SequenceEqual(keys.Select(Fingerprint));
        _keys = new KeySet(keys, active);
        if (changed)
        {
            Interlocked.Increment(ref _generation);
        }
    }

    private static string Fingerprint(SigningKey key) => $"{key.KeyId}/{key.RetiredAt?.UtcTicks}";

    private static RSA Import(string pkcs8)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(pkcs8), out _);
        return rsa;
    }

    private async Task<(SigningKeyDocument? Document, ETag? ETag)> DownloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await Blob.DownloadContentAsync(cancellationToken);
            var document = response.Value.Content.ToObjectFromJson<SigningKeyDocument>(Json);
            return (document, response.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return (null, null);
        }
    }

    private async Task<bool> TryUploadAsync(SigningKeyDocument document, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        try
        {
            await Blob.UploadAsync(BinaryData.FromObjectAsJson(document, Json),
                new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            return false;
        }
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var json = new JsonSerializerOptions();
        HostingExtensions.ConfigureJson(json);
        return json;
    }

    private sealed record KeySet(IReadOnlyList<SigningKey> All, SigningKey? Active)
    {
        public static readonly KeySet Empty = new([], null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first signing key {KeyId}")]
    private static partial void LogKeyCreated(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotated signing keys; new active key {KeyId}")]
    private static partial void LogKeyRotated(ILogger logger, string keyId);
}
