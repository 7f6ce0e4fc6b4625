namespace RoboDiffusion.Envs.Native.MuJoCo;

/// <summary>
/// An <c>mjData*</c> bound to its <see cref="MjModel"/>: state access (qpos, qvel, ctrl) through the 2.2.2 field offsets,
/// <see cref="Step"/>, <see cref="Reset"/>. The array pointers are read once after <c>mj_makeData</c>; they stay valid across
/// steps and resets. An error that MuJoCo reports poisons the simulation (its state may be half-updated): later calls throw.
/// Not thread-safe; owns native memory (the model is not owned).
/// </summary>
public sealed unsafe class MjSimulation : IDisposable
{
    private readonly MjModel _model;
    private IntPtr _data;
    private readonly double* _qpos, _qvel, _ctrl;
    private string? _poisoned;

    public MjSimulation(MjModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _data = MuJoCoNative.mj_makeData(model.Handle);
        if (_data == IntPtr.Zero) throw new MuJoCoException("mj_makeData returned NULL (out of memory?).");
        MuJoCoLibrary.ThrowIfReported("mj_makeData");
        _qpos = *(double**)(_data + MuJoCoOffsets.DataQpos);
        _qvel = *(double**)(_data + MuJoCoOffsets.DataQvel);
        _ctrl = *(double**)(_data + MuJoCoOffsets.DataCtrl);
    }

    public MjModel Model => _model;

    /// <summary>Positions, length nq (slide joints: displacement from the body's XML position).</summary>
    public Span<double> Qpos => new(Check()._qpos, _model.Nq);

    /// <summary>Velocities, length nv.</summary>
    public Span<double> Qvel => new(Check()._qvel, _model.Nv);

    /// <summary>Controls, length nu; MuJoCo clamps them to ctrlrange inside the step when ctrllimited.</summary>
    public Span<double> Ctrl => new(Check()._ctrl, _model.Nu);

    /// <summary>Simulation time in seconds.</summary>
    public double Time => *(double*)(Check()._data + MuJoCoOffsets.DataTime);

    /// <summary>Active contacts after the last step or forward pass.</summary>
    public int ContactCount => *(int*)(Check()._data + MuJoCoOffsets.DataNcon);

    /// <summary>One <c>mj_step</c> of <see cref="MjModel.Timestep"/> seconds.</summary>
    public void Step()
    {
        MuJoCoNative.mj_step(_model.Handle, Check()._data);
        AfterCall("mj_step");
    }

    /// <summary><c>mj_forward</c>: recomputes derived quantities (contacts, positions) without advancing time.</summary>
    public void Forward()
    {
        MuJoCoNative.mj_forward(_model.Handle, Check()._data);
        AfterCall("mj_forward");
    }

    /// <summary><c>mj_resetData</c>: qpos = qpos0, qvel = 0, ctrl = 0, time = 0.</summary>
    public void Reset()
    {
        MuJoCoNative.mj_resetData(_model.Handle, Check()._data);
        AfterCall("mj_resetData");
    }

    public void Dispose()
    {
        if (_data == IntPtr.Zero) return;
        MuJoCoNative.mj_deleteData(_data);
        _data = IntPtr.Zero;
    }

    private void AfterCall(string call)
    {
        if (MuJoCoLibrary.ErrorPending) _poisoned = call;
        MuJoCoLibrary.ThrowIfReported(call);
    }

    private MjSimulation Check()
    {
        ObjectDisposedException.ThrowIf(_data == IntPtr.Zero, this);
        if (_poisoned is not null)
            throw new MuJoCoException($"This simulation reported a MuJoCo error during {_poisoned}; its state is unusable, create a new one.");
        return this;
    }
}
