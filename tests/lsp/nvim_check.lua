-- Headless Neovim 0.7 as a real LSP client for stlint (driven by test_neovim.py).
local out = function(s) io.stdout:write(s .. "\n") end
local python = os.getenv("STLINT_PY")
local cmd = vim.split(os.getenv("STLINT_CMD"), "\t")
local ok_all = true

vim.cmd("edit " .. os.getenv("STLINT_FILE"))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = "hocon"
local client_id = vim.lsp.start_client({ name = "stlint", cmd = cmd, root_dir = vim.fn.getcwd() })
if not client_id then out("FAIL start_client"); vim.cmd("cq 1") end
vim.lsp.buf_attach_client(bufnr, client_id)
local uri = vim.uri_from_bufnr(bufnr)

local function diags()
  local t = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(t, string.format("%d:%d-%d:%d %s %s", d.lnum, d.col, d.end_lnum, d.end_col, tostring(d.code), tostring(d.source)))
  end
  table.sort(t)
  return t
end

if vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
  for _, l in ipairs(diags()) do out("DIAG " .. l) end
else out("FAIL no diagnostics"); ok_all = false end

-- quick fix for the first diagnostic with a fix, applied like an editor would
local target
for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.code == "unknown-section" then target = d end end
if target then
  local lspd = target.user_data and target.user_data.lsp
  if os.getenv('STLINT_DEBUG') then out('LSPD ' .. vim.inspect(lspd)) end
  local r = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = target.lnum, character = target.col }, ["end"] = { line = target.end_lnum, character = target.end_col } },
    -- 0.7 keeps only part of the LSP diagnostic in user_data; rebuild a full one
    context = { diagnostics = { { range = { start = { line = target.lnum, character = target.col },
      ["end"] = { line = target.end_lnum, character = target.end_col } }, message = target.message,
      severity = target.severity, source = target.source, code = lspd and lspd.code, data = lspd and lspd.data } } } }, 10000)
  local applied = false
  for _, res in pairs(r or {}) do
    for _, a in ipairs(res.result or {}) do
      out("ACTION " .. a.title)
      if not applied and a.edit and a.title:find("rename to") then
        vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
        applied = true
      end
    end
  end
  if not applied then out("FAIL no quick fix applied"); ok_all = false end
  local gone = vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.code == "unknown-section" then return false end end
    return true
  end, 20)
  if not gone then out("FAIL diagnostic still there after the fix"); ok_all = false end
  out("TEXT " .. table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "|"))
  for _, l in ipairs(diags()) do out("AFTER " .. l) end
else out("FAIL no unknown-section diagnostic"); ok_all = false end

-- completion inside the sink section (line 5 is "  Con")
local resp = vim.lsp.buf_request_sync(bufnr, "textDocument/completion",
  { textDocument = { uri = uri }, position = { line = 5, character = 5 } }, 10000)
local labels = {}
for _, r in pairs(resp or {}) do
  if r.err then out("FAIL completion " .. vim.inspect(r.err)); ok_all = false end
  for _, it in ipairs((r.result and (r.result.items or r.result)) or {}) do table.insert(labels, it.label) end
end
table.sort(labels)
out("COMPLETION " .. table.concat(labels, ","))

-- hover on `parallelism` (line 1): the description from the catalog
local hov = vim.lsp.buf_request_sync(bufnr, "textDocument/hover",
  { textDocument = { uri = uri }, position = { line = 1, character = 4 } }, 10000)
local htext = ""
for _, r in pairs(hov or {}) do
  local c = r.result and r.result.contents
  if type(c) == "table" then htext = htext .. (c.value or table.concat(vim.tbl_map(function(x)
    return type(x) == "table" and (x.value or "") or tostring(x) end, c), " ")) end
end
out("HOVER " .. htext:gsub("\n", " "))

-- the catalog version a status line would show (the request VS Code's status bar uses)
local ver = vim.lsp.buf_request_sync(bufnr, "stlint/catalogVersion", { uri = uri }, 10000)
for _, r in pairs(ver or {}) do
  if r.result then out("VERSION " .. r.result.version .. " " .. r.result.source) end
end

vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
out(ok_all and "RESULT OK" or "RESULT FAIL")
vim.cmd(ok_all and "qa!" or "cq 1")
