using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ValueSegmentation.Extensions.DependencyInjection;
using ValueSegmentation.Extensions.DependencyInjection.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers ValueSegmentation in a service collection: the settings (<see cref="ValueSegmentationOptions"/>, from code or
/// configuration, validated when the host starts) and a <see cref="SegmentScorer"/> singleton per segmentation — the
/// default one, and named ones resolved as keyed services.
/// </summary>
/// <remarks>Every method may be called more than once: registrations are added only once (<c>TryAdd</c>), while
/// configuration actions add up, as the options pattern does. A service collection is not thread-safe: register from one
/// thread, at start-up. The scorers registered are singletons safe for concurrent use; the validators are stateless.</remarks>
/// <example>
/// <code>
/// builder.Services.AddValueSegmentation(builder.Configuration.GetSection("ValueSegmentation"));
/// // ...
/// app.MapGet("/segment", (SegmentScorer scorer, ...) =&gt; scorer.Assign(summary));
/// app.MapGet("/premium", ([FromKeyedServices("premium")] SegmentScorer scorer, ...) =&gt; ...);
/// </code>
/// </example>
public static class ValueSegmentationServiceCollectionExtensions
{
    /// <summary>Registers the default segmentation with the default settings (revenue tiers; no snapshot until one is
    /// loaded or fitted).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddValueSegmentation(this IServiceCollection services) =>
        Register(services, Options.Options.DefaultName, null);

    /// <summary>Registers the default segmentation, configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddValueSegmentation(this IServiceCollection services, Action<ValueSegmentationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, Options.Options.DefaultName, configure);
    }

    /// <summary>Registers a named segmentation, configured in code; resolve its scorer with
    /// <c>GetRequiredKeyedService&lt;SegmentScorer&gt;(name)</c> or <c>[FromKeyedServices(name)]</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The segmentation's name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddValueSegmentation(this IServiceCollection services, string name, Action<ValueSegmentationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, name, configure);
    }

    /// <summary>
    /// Registers the default segmentation with the settings of a configuration section (usually "ValueSegmentation", see
    /// <see cref="ValueSegmentationOptions.SectionName"/>), and a named one for each child of its "Segmentations"
    /// section, whose settings override the parent's.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, for example <c>builder.Configuration.GetSection("ValueSegmentation")</c>.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>The settings are read strictly (see <see cref="ValueSegmentationConfiguration.Bind"/>): a key that is not a
    /// setting, or a value of the wrong type, fails the host's start naming the key and the value, with the out-of-range
    /// values, in one <c>OptionsValidationException</c>. A named segmentation takes the parent's settings but not its
    /// <see cref="ValueSegmentationOptions.SnapshotPath"/>; its name is the key under "Segmentations", as written (keyed
    /// services compare keys by case).</remarks>
    public static IServiceCollection AddValueSegmentation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Register(services, Options.Options.DefaultName, options => ValueSegmentationConfiguration.BindCollectingErrors(configuration, options));
        foreach (var named in configuration.GetSection(ValueSegmentationConfiguration.SegmentationsKey).GetChildren())
        {
            Register(services, named.Key, options =>
            {
                ValueSegmentationConfiguration.BindCollectingErrors(configuration, options);

                // The parent's snapshot is the parent's: a named segmentation loads its own, or none.
                (options.SnapshotPath, options.WatchSnapshot) = (null, true);
                ValueSegmentationConfiguration.BindCollectingErrors(named, options);
            });
        }

        return services;
    }

    /// <summary>Registers a named segmentation with the settings of a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The segmentation's name.</param>
    /// <param name="configuration">The section.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddValueSegmentation(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, name, options => ValueSegmentationConfiguration.BindCollectingErrors(configuration, options));
    }

    private static IServiceCollection Register(IServiceCollection services, string name, Action<ValueSegmentationOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ValueSegmentationOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ValueSegmentationOptions>, ValueSegmentationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ValueSegmentationOptions>, PipelineOptionsValidator>());
        services.TryAddKeyedSingleton(name, (provider, key) => new SegmentScorer(provider.GetRequiredService<IOptionsMonitor<ValueSegmentationOptions>>().Get((string)key!), (string)key!));
        if (name.Length == 0)
        {
            services.TryAddSingleton(provider => provider.GetRequiredKeyedService<SegmentScorer>(Options.Options.DefaultName));
        }

        return services;
    }
}
