namespace CareTransitions.Configuration;

internal static class ConfigurationExtensions
{
    /// <summary>Binds every options section and the public base URL.</summary>
    public static IServiceCollection AddAppOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage"));
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection("Intake"));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection("Smtp"));
        services.AddOptions<DirectoryOptions>().Bind(configuration.GetSection("Directory"));
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection("Workflow"));
        services.AddOptions<AcknowledgementOptions>().Bind(configuration.GetSection("Acknowledgements"));
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection("Privacy"));
        services.AddSingleton(new PublicUrls((configuration["PublicBaseUrl"] ?? "http://localhost:5080").TrimEnd('/')));
        return services;
    }

    /// <summary>The storage directory as configured, before options are built (the engine needs it at registration).</summary>
    public static StorageOptions GetStorageOptions(this IConfiguration configuration)
    {
        var storage = new StorageOptions();
        configuration.GetSection("Storage").Bind(storage);
        System.IO.Directory.CreateDirectory(storage.Directory);
        return storage;
    }
}
