using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace RunTasks.Grains.Storage;

/// <summary>Keeps embedded mode's Data Protection key ring in the data file, so stored access tokens stay readable after a restart.</summary>
public sealed class SqliteXmlRepository(DataFile file) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = file.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM runtasks_dataprotection_keys";
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
        using var connection = file.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO runtasks_dataprotection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING";
        command.Parameters.AddWithValue("@name", friendlyName);
        command.Parameters.AddWithValue("@xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
