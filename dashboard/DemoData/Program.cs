using Dashboard.DemoData;

// Synthetic outcomes for the steering-group dashboard. Synthetic people only: pseudonyms are random hex.
return await DemoDataCommand.RunAsync(args, Console.Out, Console.Error);
