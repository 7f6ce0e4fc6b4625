using System.Text;

namespace RoboDiffusion.Envs.Native.MuJoCo;

/// <summary>
/// A compiled MuJoCo model (<c>mjModel*</c>), loaded from MJCF text. Immutable once loaded; owns native memory: dispose it
/// after every <see cref="MjSimulation"/> built on it.
/// </summary>
public sealed unsafe class MjModel : IDisposable
{
    private IntPtr _handle;

    private MjModel(IntPtr handle) => _handle = handle;

    /// <summary>Compiles MJCF <paramref name="xml"/> (through a temporary file); a bad model throws with MuJoCo's message.</summary>
    public static MjModel FromXml(string xml)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(xml);
        MuJoCoLibrary.EnsureLoaded();
        var path = Path.Combine(Path.GetTempPath(), $"robodiff-mjcf-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, xml, new UTF8Encoding(false));
        try
        {
            const int ErrorSize = 1000;
            var error = stackalloc byte[ErrorSize];
            error[0] = 0;
            var handle = MuJoCoNative.mj_loadXML(path, IntPtr.Zero, error, ErrorSize);
            var message = new string((sbyte*)error).Trim();
            if (handle == IntPtr.Zero)
            {
                MuJoCoLibrary.ThrowIfReported("mj_loadXML");
                throw new MuJoCoException($"MuJoCo could not load the model: {(message.Length > 0 ? message : "unknown error")}");
            }
            MuJoCoLibrary.ThrowIfReported("mj_loadXML");
            return new MjModel(handle);
        }
        finally { File.Delete(path); }
    }

    /// <summary>Generalized coordinates.</summary>
    public int Nq => *(int*)(Handle + MuJoCoOffsets.ModelNq);

    /// <summary>Degrees of freedom.</summary>
    public int Nv => *(int*)(Handle + MuJoCoOffsets.ModelNv);

    /// <summary>Actuators (length of ctrl).</summary>
    public int Nu => *(int*)(Handle + MuJoCoOffsets.ModelNu);

    /// <summary>Bodies, the world body included.</summary>
    public int Nbody => *(int*)(Handle + MuJoCoOffsets.ModelNbody);

    /// <summary><c>opt.timestep</c> in seconds.</summary>
    public double Timestep => *(double*)(Handle + MuJoCoOffsets.ModelTimestep);

    internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(MjModel));

    public void Dispose()
    {
        if (_handle == IntPtr.Zero) return;
        MuJoCoNative.mj_deleteModel(_handle);
        _handle = IntPtr.Zero;
    }
}
