using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Configuration;

/// <summary>
/// Settings read into one object at registration (a part needs some of them to register its services, as the
/// dashboard and the storage topology do) and still checked the standard way: <c>IOptions&lt;T&gt;</c> hands out that
/// same object after every <see cref="IValidateOptions{TOptions}"/> has passed, and <c>ValidateOnStart</c> runs them
/// when the host starts.
/// </summary>
public static class ValidatedInstance
{
    /// <summary>Registers <paramref name="instance"/> as the options <typeparamref name="TOptions"/>, checked by <typeparamref name="TValidator"/> and any other validator of it.</summary>
    public static IServiceCollection AddValidatedInstance<TOptions, TValidator>(this IServiceCollection services, TOptions instance)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.AddSingleton<IOptionsFactory<TOptions>>(sp => new Factory<TOptions>(instance, sp.GetServices<IValidateOptions<TOptions>>()));
        services.AddOptions<TOptions>().ValidateOnStart();
        return services;
    }

    private sealed class Factory<TOptions>(TOptions instance, IEnumerable<IValidateOptions<TOptions>> validators) : IOptionsFactory<TOptions>
        where TOptions : class
    {
        public TOptions Create(string name)
        {
            var failures = validators.Select(v => v.Validate(name, instance)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
            if (failures.Count > 0)
            {
                throw new OptionsValidationException(name, typeof(TOptions), failures);
            }

            return instance;
        }
    }
}
