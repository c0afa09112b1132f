using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace RunTasks.Grains.Security;

/// <summary>Keeps the Data Protection key ring in PostgreSQL, so every silo of the cluster can read every stored token.</summary>
public sealed class PostgresXmlRepository(string connectionString) : IXmlRepository
{
    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS runtasks_dataprotection_keys (friendly_name text PRIMARY KEY, xml text NOT NULL)";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var command = new NpgsqlCommand("SELECT xml FROM runtasks_dataprotection_keys", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(
            "INSERT INTO runtasks_dataprotection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING",
            connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var create = new NpgsqlCommand(CreateTable, connection);
        create.ExecuteNonQuery();
        return connection;
    }
}
