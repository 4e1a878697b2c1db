using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Playbound.Persistence.Sqlite;

/// <summary>Adds Orleans reminders, kept in SQLite, to a silo.</summary>
public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>
    /// Adds the reminder service and makes a <see cref="SqliteReminderTable"/> its table, so reminders outlive the
    /// process. The rows are keyed by the silo's <see cref="ClusterOptions.ServiceId"/>, which must therefore stay
    /// the same across restarts.
    /// </summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderTableOptions> configure)
    {
        builder.AddReminders();
        builder.Services.AddOptions<SqliteReminderTableOptions>().Configure(configure);
        builder.Services.AddTransient<IConfigurationValidator>(services => new SqliteReminderTableOptionsValidator(
            services.GetRequiredService<IOptions<SqliteReminderTableOptions>>().Value));
        builder.Services.ConfigureFormatter<SqliteReminderTableOptions>();
        builder.Services.AddSingleton<IReminderTable>(services => new SqliteReminderTable(
            services.GetRequiredService<IOptions<SqliteReminderTableOptions>>().Value,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<ILogger<SqliteReminderTable>>()));
        return builder;
    }
}
