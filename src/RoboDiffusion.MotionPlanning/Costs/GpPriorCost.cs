using RoboDiffusion.MotionPlanning.Trajectories;

namespace RoboDiffusion.MotionPlanning.Costs;

/// <summary>
/// The constant-velocity Gaussian-process smoothness prior of GPMP2 (Mukadam et al., IJRR 2018, eqs. 8–10; MPD
/// CostGPTrajectory): C = weight · ½ Σ_i e_iᵀ Q_i⁻¹ e_i with e_i = Φ x_i − x_{i+1}, Φ = [[I, dt I], [0, I]] and
/// Q_i = [[dt³/3 Qc, dt²/2 Qc], [dt²/2 Qc, dt Qc]], Qc = σ² I.
/// </summary>
public sealed class GpPriorCost : ITrajectoryCost
{
    private readonly int _n;
    private readonly double _dt;
    private readonly double _qpp, _qpv, _qvv;  // Q⁻¹ per axis: [[qpp, qpv], [qpv, qvv]]

    public GpPriorCost(TrajectorySpec spec, double sigma = 1.0, double weight = 1.0)
    {
        if (!(sigma > 0)) throw new ArgumentException($"GP prior sigma must be > 0, got {sigma}.");
        (_n, _dt, Weight, Sigma) = (spec.SupportPoints, spec.Dt, weight, sigma);
        // Closed-form inverse of σ²[[dt³/3, dt²/2], [dt²/2, dt]] (determinant σ⁴ dt⁴/12).
        var s2 = sigma * sigma;
        (_qpp, _qpv, _qvv) = (12 / (s2 * Math.Pow(_dt, 3)), -6 / (s2 * _dt * _dt), 4 / (s2 * _dt));
    }

    public double Sigma { get; }
    public double Weight { get; }

    public double Evaluate(ReadOnlySpan<double> states, Span<double> gradient)
    {
        const int d = Trajectory.StateDim;
        var total = 0.0;
        for (var i = 0; i < _n - 1; i++)
            for (var axis = 0; axis < 2; axis++)
            {
                var (a, b) = (d * i + axis, d * (i + 1) + axis);  // position index of x_i, x_{i+1}; velocity at +2
                var ep = states[a] + _dt * states[a + 2] - states[b];
                var ev = states[a + 2] - states[b + 2];
                var (wp, wv) = (_qpp * ep + _qpv * ev, _qpv * ep + _qvv * ev);    // Q⁻¹ e
                total += 0.5 * (ep * wp + ev * wv);
                if (gradient.IsEmpty) continue;
                // ∂e_p/∂(p_i, v_i, p_{i+1}) = (1, dt, −1); ∂e_v/∂(v_i, v_{i+1}) = (1, −1).
                gradient[a] += Weight * wp;
                gradient[a + 2] += Weight * (_dt * wp + wv);
                gradient[b] -= Weight * wp;
                gradient[b + 2] -= Weight * wv;
            }
        return Weight * total;
    }
}
