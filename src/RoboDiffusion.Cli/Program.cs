using RoboDiffusion.Cli;

return RobodiffApp.Run(args);
