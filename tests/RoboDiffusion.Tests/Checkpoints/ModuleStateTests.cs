using RoboDiffusion.Checkpoints;
using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Checkpoints;

public sealed class ModuleStateTests
{
    public ModuleStateTests() => TorchRuntime.Initialize();

    [Fact]
    public void Saved_weights_and_buffers_load_into_a_fresh_module()
    {
        using var dir = new TempDir();
        manual_seed(1);
        var a = nn.Sequential(("lin", nn.Linear(3, 4)), ("bn", nn.BatchNorm1d(4)));
        a.train();
        a.forward(randn(8, 3));                 // moves the BatchNorm running statistics off their initial values
        ModuleState.Save(a, dir.File("m.safetensors"), new Dictionary<string, string> { ["kind"] = "test" });
        manual_seed(2);
        var b = nn.Sequential(("lin", nn.Linear(3, 4)), ("bn", nn.BatchNorm1d(4)));
        var meta = ModuleState.Load(b, dir.File("m.safetensors"));
        Assert.Equal("test", meta["kind"]);
        var sa = a.state_dict();
        foreach (var (name, t) in b.state_dict()) Assert.True(TensorBits.Same(t, sa[name]), name);
    }

    [Fact]
    public void Loading_names_every_missing_unexpected_misshaped_and_mistyped_tensor()
    {
        using var dir = new TempDir();
        var module = nn.Sequential(("lin", nn.Linear(3, 4)), ("out", nn.Linear(4, 2)));
        Safetensors.Save(dir.File("bad.safetensors"), new Dictionary<string, Tensor>
        {
            ["lin.weight"] = zeros(5, 3),                    // wrong shape
            ["lin.bias"] = zeros(4, dtype: float64),         // wrong dtype
            ["out.weight"] = zeros(2, 4),
            ["extra.weight"] = zeros(1),                     // unexpected; out.bias is missing
        });
        var before = module.state_dict()["lin.weight"].clone();
        var e = Assert.Throws<StateDictMismatchException>(() => ModuleState.Load(module, dir.File("bad.safetensors")));
        Assert.Equal(["out.bias"], e.Missing);
        Assert.Equal(["extra.weight"], e.Unexpected);
        Assert.Contains("lin.weight: file [5, 3] vs module [4, 3]", e.WrongShape);
        Assert.Contains("lin.bias: file Float64 vs module Float32", e.WrongDType);
        Assert.Contains("out.bias", e.Message);
        Assert.Contains("extra.weight", e.Message);
        Assert.True(TensorBits.Same(module.state_dict()["lin.weight"], before));   // nothing was copied
    }
}
