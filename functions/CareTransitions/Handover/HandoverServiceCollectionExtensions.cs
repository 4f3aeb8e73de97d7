using CareTransitions.Configuration;
using CareTransitions.Privacy;
using Microsoft.Extensions.Options;

namespace CareTransitions.Handover;

internal static class HandoverServiceCollectionExtensions
{
    /// <summary>The handover workspace's data: references, the sealed handover information and conversation, and their upkeep.</summary>
    public static IServiceCollection AddHandoverData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PersonalDataOptions, PersonalDataOptionsValidator>(configuration.GetSection(PersonalDataOptions.SectionName));
        services.AddSingleton(sp => PersonalDataCipher.Create(sp.GetRequiredService<IOptions<PersonalDataOptions>>(), sp.GetRequiredService<PatientPseudonymizer>()));
        services.AddSingleton<TransitionReferences>();
        services.AddSingleton<HandoverStore>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<PersonalDataUpkeep>();
        services.AddSingleton<Workspace.ConversationEmails>();
        services.AddSingleton<Workspace.HandoverWorkspace>();
        return services;
    }
}
