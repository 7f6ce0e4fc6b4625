namespace RoboDiffusion.Envs.Native.MuJoCo;

/// <summary>An error or warning that MuJoCo reported through <c>mju_user_error</c>/<c>mju_user_warning</c>, or a failed load.</summary>
public sealed class MuJoCoException(string message) : Exception(message);
