namespace CareTransitions.Configuration;

internal static class ConfigurationExtensions
{
    /// <summary>Binds every options section and the public base URL.</summary>
    public static IServiceCollection AddAppOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage"))
            .PostConfigure(o => o.PostgresConnectionString = configuration.GetConnectionString("Postgres"));
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection("Intake"));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection("Smtp"));
        services.AddOptions<DirectoryOptions>().Bind(configuration.GetSection("Directory"));
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection("Workflow"));
        services.AddOptions<AcknowledgementOptions>().Bind(configuration.GetSection("Acknowledgements"));
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection("Privacy"));
        services.AddSingleton(new PublicUrls((configuration["PublicBaseUrl"] ?? "http://localhost:5080").TrimEnd('/')));
        return services;
    }

    /// <summary>The storage settings as configured, before options are built (the engine needs them at registration).</summary>
    /// <exception cref="Storage.StorageConfigurationException">An unknown provider, or Postgres without a connection string.</exception>
    public static StorageOptions GetStorageOptions(this IConfiguration configuration)
    {
        var storage = new StorageOptions();
        configuration.GetSection("Storage").Bind(storage);
        storage.PostgresConnectionString = configuration.GetConnectionString("Postgres");
        Storage.StorageProviders.Validate(storage);
        System.IO.Directory.CreateDirectory(storage.Directory);
        return storage;
    }
}
