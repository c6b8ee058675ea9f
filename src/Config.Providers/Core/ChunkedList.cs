using System.Collections;

namespace Config.Providers.Core;

/// <summary>
/// An append-only list kept in chunks small enough to stay off the large object heap, so parsing a big file does
/// not trigger a full (generation 2) collection each time, as one 240 KB array of entries would.
/// </summary>
internal sealed class ChunkedList<T> : IReadOnlyList<T>
{
    // 2048 entries of up to 32 bytes stay under the 85,000-byte large object threshold.
    private const int ChunkSize = 2048;
    private readonly List<T[]> chunks = [];
    private int count;

    public int Count => count;

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            return chunks[index / ChunkSize][index % ChunkSize];
        }
    }

    public void Add(T item)
    {
        if (count % ChunkSize == 0)
        {
            chunks.Add(new T[ChunkSize]);
        }

        chunks[^1][count % ChunkSize] = item;
        count++;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return chunks[i / ChunkSize][i % ChunkSize];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
