using Parquet;
using Parquet.Schema;

namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// Parquet column layouts as pyarrow writes LeRobot's Hugging Face features (feature_utils.py): shape [1] → plain
/// optional scalar; shape [n] → 3-level LIST (name / list / element) of optional values; image → struct {bytes, path}.
/// Every value here is present (no nulls), except image paths, which are null because bytes are embedded.
/// </summary>
internal static class ParquetColumns
{
    /// <summary>The parquet schema field of a feature.</summary>
    public static Field FieldOf(FeatureSpec f) => f.DType switch
    {
        FeatureDType.Image => new StructField(f.Name, new DataField<byte[]>("bytes", true), new DataField<string>("path", true)),
        _ when f.IsScalar => new DataField(f.Name, ElementType(f.DType), true),
        _ => new ListField(f.Name, new DataField("element", ElementType(f.DType), true)),
    };

    private static Type ElementType(FeatureDType d) => d switch
    {
        FeatureDType.Float32 => typeof(float),
        FeatureDType.Int64 => typeof(long),
        FeatureDType.Bool => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, null),
    };

    /// <summary>The leaf data fields of a schema field, in write order.</summary>
    public static IReadOnlyList<DataField> Leaves(Field field) => field switch
    {
        DataField d => [d],
        ListField l => Leaves(l.Item),
        StructField s => [.. s.Fields.SelectMany(Leaves)],
        _ => throw new NotSupportedException($"Unsupported parquet field kind {field.SchemaType} for '{field.Name}'."),
    };

    /// <summary>Writes one column of values, <paramref name="dim"/> per row (dim 1 and a scalar field: no list levels).</summary>
    public static async Task WriteAsync<T>(ParquetRowGroupWriter rg, Field field, T[] values, int dim) where T : struct
    {
        var leaf = Leaves(field)[0];
        var def = Filled(values.Length, leaf.MaxDefinitionLevel);
        int[]? rep = null;
        if (leaf.MaxRepetitionLevel > 0)
        {
            rep = new int[values.Length];
            for (var i = 0; i < rep.Length; i++) rep[i] = i % dim == 0 ? 0 : 1;
        }
        await rg.WriteAllPartsAsync<T>(leaf, values, def, rep is null ? null : (ReadOnlyMemory<int>?)rep, default);
    }

    /// <summary>Writes a list&lt;string&gt; column with one list per row.</summary>
    public static async Task WriteStringListsAsync(ParquetRowGroupWriter rg, Field field, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var leaf = Leaves(field)[0];
        var values = rows.SelectMany(r => r.Select(s => s.AsMemory())).ToArray();
        var rep = rows.SelectMany(r => r.Select((_, i) => i == 0 ? 0 : 1)).ToArray();
        await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, values, Filled(values.Length, leaf.MaxDefinitionLevel), rep, default);
    }

    /// <summary>Writes a plain string column.</summary>
    public static async Task WriteStringsAsync(ParquetRowGroupWriter rg, Field field, IReadOnlyList<string> values)
    {
        var leaf = Leaves(field)[0];
        await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaf, values.Select(s => s.AsMemory()).ToArray(),
            Filled(values.Count, leaf.MaxDefinitionLevel), (ReadOnlyMemory<int>?)null, default);
    }

    /// <summary>Writes an image struct column: encoded bytes, null paths.</summary>
    public static async Task WriteImagesAsync(ParquetRowGroupWriter rg, Field field, IReadOnlyList<byte[]> encoded)
    {
        var leaves = Leaves(field);
        await rg.WriteAllPartsAsync<ReadOnlyMemory<byte>>(leaves[0], encoded.Select(b => new ReadOnlyMemory<byte>(b)).ToArray(),
            Filled(encoded.Count, leaves[0].MaxDefinitionLevel), (ReadOnlyMemory<int>?)null, default);
        await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(leaves[1], Array.Empty<ReadOnlyMemory<char>>(),
            Filled(encoded.Count, leaves[1].MaxDefinitionLevel - 1), (ReadOnlyMemory<int>?)null, default);
    }

    private static int[] Filled(int n, int level)
    {
        var a = new int[n];
        Array.Fill(a, level);
        return a;
    }
}
