using RoboDiffusion.Envs.Native;

namespace RoboDiffusion.Tests.Envs.Native;

public sealed class ChipmunkLibraryTests
{
    [Fact]
    public void A_missing_library_names_the_apt_package_to_install()
    {
        var e = Assert.Throws<DllNotFoundException>(() => ChipmunkLibrary.Probe("libchipmunk-does-not-exist.so.7"));
        Assert.Contains("apt-get install libchipmunk7", e.Message);
    }

    [Fact]
    public void The_installed_library_loads()
    {
        ChipmunkLibrary.EnsureLoaded();
        ChipmunkLibrary.Probe(Chipmunk.Lib);
    }
}
