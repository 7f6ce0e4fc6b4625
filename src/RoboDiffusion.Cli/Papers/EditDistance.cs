namespace RoboDiffusion.Cli.Papers;

/// <summary>
/// Damerau-Levenshtein distance in its optimal-string-alignment form: insertions, deletions, substitutions and
/// transpositions of adjacent characters each cost 1 (Damerau 1964; Boytsov 2011, "Indexing methods for approximate
/// dictionary searching", sec. 2). "polciy" is one edit from "policy".
/// </summary>
internal static class EditDistance
{
    /// <summary>
    /// The distance between <paramref name="a"/> and <paramref name="b"/>, or <paramref name="max"/> + 1 once it must
    /// exceed <paramref name="max"/>. Only the diagonal band |i − j| ≤ max is filled (Ukkonen 1985), so a bounded call
    /// on two titles costs O(length · max) rather than O(length²).
    /// </summary>
    public static int Osa(string a, string b, int max = int.MaxValue - 1)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var n = b.Length + 1;
        var over = max + 1;
        Span<int> rows = n <= 128 ? stackalloc int[3 * n] : new int[3 * n];   // titles fit on the stack
        var prev2 = rows[..n];
        var prev = rows.Slice(n, n);
        var cur = rows.Slice(2 * n, n);
        for (var j = 0; j < n; j++) prev[j] = Math.Min(j, over);
        var prevRowMin = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            int lo = Math.Max(1, i - max), hi = (int)Math.Min(b.Length, (long)i + max);
            cur[lo - 1] = lo == 1 ? Math.Min(i, over) : over;                  // left edge of the band
            if (hi < b.Length) cur[hi + 1] = over;                              // right edge, read by the next row
            var rowMin = cur[lo - 1];
            for (var j = lo; j <= hi; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, prev2[j - 2] + 1);
                cur[j] = Math.Min(d, over);
                rowMin = Math.Min(rowMin, cur[j]);
            }
            // A transposition reaches back two rows, so two rows above the bound keep every later row above it.
            if (rowMin > max && prevRowMin > max) return over;
            prevRowMin = rowMin;
            var recycled = prev2;
            prev2 = prev;
            prev = cur;
            cur = recycled;
        }
        return Math.Min(prev[b.Length], over);
    }
}
