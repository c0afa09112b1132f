using System.Data;
using System.Data.Common;

namespace RunTasks.Grains.History;

/// <summary>Parameters typed the same way for both providers (a null is still a typed text, so PostgreSQL can infer nothing wrong).</summary>
internal static class HistoryCommands
{
    public static DbCommand Create(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        (parameter.DbType, parameter.Value) = value switch
        {
            null => (DbType.String, (object)DBNull.Value),
            string s => (DbType.String, s),
            long l => (DbType.Int64, l),
            int i => (DbType.Int32, i),
            bool b => (DbType.Int32, b ? 1 : 0),
            _ => throw new ArgumentException($"Unsupported parameter type {value.GetType()}", nameof(value)),
        };
        command.Parameters.Add(parameter);
    }

    public static async Task<long> ScalarAsync(DbCommand command, CancellationToken cancellationToken) =>
        await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
