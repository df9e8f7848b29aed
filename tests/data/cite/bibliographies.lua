-- For each CSL style listed (one path a line) in the file $FACTCLI_STYLES: the bibliography pandoc's citeproc
-- makes of the document's references, and each reference's citation alone (a paragraph [@id] per id listed in
-- $FACTCLI_IDS), as plain text; printed as one JSON object {style path: {bibliography, citations} or {error}}.
local function plain(blocks)
  return pandoc.write(pandoc.Pandoc(blocks), "plain", {wrap_text = "wrap-none"})
end

local function run(doc)
  local ids = {}
  for id in string.gmatch(os.getenv("FACTCLI_IDS"), "[^ ]+") do
    table.insert(ids, pandoc.Para({pandoc.Cite({}, {pandoc.Citation(id, "NormalCitation")})}))
  end
  local results = {}
  for path in io.lines(os.getenv("FACTCLI_STYLES")) do
    local copy = doc:clone()
    copy.meta.csl = path
    copy.blocks = ids
    local ok, cited = pcall(pandoc.utils.citeproc, copy)
    if ok then
      local refs, citations = {}, {}
      cited:walk({
        Div = function(div) if div.identifier == "refs" then refs = div.content end end,
        Cite = function(cite)
          if cite.citations[1].id == "*" then return end
          local note = cite.content[1]
          if note and note.t == "Note" then
            table.insert(citations, plain(note.content))
          else
            table.insert(citations, plain({pandoc.Plain(cite.content)}))
          end
        end,
      })
      results[path] = {bibliography = plain(refs), citations = citations}
    else
      results[path] = {error = tostring(cited)}
    end
  end
  io.stdout:write(pandoc.json.encode(results))
  return pandoc.Pandoc({})
end

return {{Pandoc = run}}
