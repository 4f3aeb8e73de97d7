// The care-transition service (vårdövergångar, LOS 2017:612). Its parts are listed in CareTransitionsApp.
await CareTransitions.CareTransitionsApp.Build(args).RunAsync();
