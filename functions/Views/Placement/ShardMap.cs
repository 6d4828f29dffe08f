using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Primatomic.Functions.Views.Placement;

/// <summary>
/// Where a log's views live. Every log falls in one of <see cref="Partitions"/> catalogue partitions (fixed forever:
/// the view catalogue is partitioned by it), and each partition in one placement shard (partition mod shards), so a
/// shard's views are the rows of a few whole catalogue partitions. All views of a log share a shard: one instance leads
/// them all and reads the log once for them.
/// </summary>
public static class ShardMap
{
    /// <summary>Catalogue partitions; <c>Views__Shards</c> must divide it.</summary>
    public const int Partitions = 256;

    public static int PartitionOf(string logId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(logId), hash);
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % Partitions);
    }

    public static int ShardOf(string logId, int shards) => PartitionOf(logId) % shards;

    /// <summary>The catalogue partitions whose views <paramref name="shard"/> leads.</summary>
    public static IEnumerable<int> PartitionsOf(int shard, int shards)
    {
        for (var partition = shard; partition < Partitions; partition += shards)
        {
            yield return partition;
        }
    }
}
