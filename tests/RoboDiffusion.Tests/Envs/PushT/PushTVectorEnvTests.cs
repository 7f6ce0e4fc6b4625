using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Tests.Envs.PushT;

public sealed class PushTVectorEnvTests
{
    [Fact]
    public void Vector_env_matches_independent_envs_step_for_step()
    {
        using var vector = new PushTVectorEnv(3);
        long[] seeds = [0, 1, 2];
        var obs = vector.Reset(seeds);
        var singles = seeds.Select(_ => new PushTEnv()).ToArray();
        try
        {
            for (var i = 0; i < 3; i++) Assert.Equal(singles[i].Reset(seeds[i]).State, obs[i].State);
            for (var t = 0; t < 20; t++)
            {
                double[][] actions = [.. Enumerable.Range(0, 3).Select(i => new[] { 200.0 + 5 * t, 150.0 + 10 * i })];
                var results = vector.Step(actions);
                for (var i = 0; i < 3; i++) Assert.Equal(singles[i].Step(actions[i]).Observation.State, results[i].Observation.State);
            }
        }
        finally
        {
            foreach (var e in singles) e.Dispose();
        }
    }

    [Fact]
    public void Vector_env_rejects_a_wrong_number_of_actions()
    {
        using var vector = new PushTVectorEnv(2);
        vector.Reset([0, 1]);
        Assert.Throws<ArgumentException>(() => vector.Step([[1.0, 2.0]]));
    }

    [Fact]
    public void A_pool_smaller_than_the_core_count_maps_many_jobs_in_job_order()
    {   // One environment, default parallelism (the core count): jobs must queue for it, not fail.
        using var vector = new PushTVectorEnv(1);
        var states = vector.Map(4, (j, env) => env.Reset(j).State);
        using var single = new PushTEnv();
        for (var j = 0; j < 4; j++) Assert.Equal(single.Reset(j).State, states[j]);
    }
}
