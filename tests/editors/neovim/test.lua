-- Neovim 0.7 as a real LSP client of `cablelint lsp --stdio`: open a cable,
-- receive diagnostics, apply a quick fix, check the buffer text exactly.
-- Run by run.sh; exits 0 on success, 1 with a message on stderr otherwise.

local bin = assert(os.getenv('CABLELINT_BIN'), 'CABLELINT_BIN not set')
local expected_path = assert(os.getenv('EXPECTED'), 'EXPECTED not set')

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  vim.cmd('cquit! 1')
end

local function check(condition, message)
  if not condition then fail(message) end
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'cablelint',
    cmd = { bin, 'lsp', '--stdio' },
    root_dir = vim.fn.getcwd(),
  })
  check(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  check(vim.wait(20000, function() return client.initialized end, 20), 'no initialize response')

  -- Diagnostics arrive (pushed: Neovim 0.7 does not pull).
  local function b004()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      if lsp.code == 'B004' then table.insert(found, d) end
    end
    table.sort(found, function(a, b) return a.lnum < b.lnum end)
    return found
  end
  check(vim.wait(20000, function() return #b004() == 2 end, 20),
    'expected two B004 diagnostics, got ' .. vim.inspect(vim.diagnostic.get(bufnr)))
  local first = b004()[1]
  local line = vim.api.nvim_buf_get_lines(bufnr, 0, 1, true)[1]
  -- The server counts UTF-16 units; Neovim turns them into byte columns.
  -- Both must land on the `[` after the CJK text and the astral character.
  local bracket = line:find('%[%]') - 1
  check(first.lnum == 0 and first.col == bracket,
    ('diagnostic at %d:%d, `[]` is at 0:%d'):format(first.lnum, first.col, bracket))
  check(first.source == 'cablelint', 'source is ' .. tostring(first.source))

  -- Ask for code actions where the diagnostic is, take the quick fix.
  -- Neovim converts the byte columns back to UTF-16 for the request.
  local params = vim.lsp.util.make_given_range_params(
    { first.lnum + 1, first.col }, { first.end_lnum + 1, first.end_col }, bufnr, 'utf-16')
  params.context = { diagnostics = {} }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  check(responses and responses[client_id], 'no code action response')
  local fix
  for _, action in ipairs(responses[client_id].result or {}) do
    if action.title:find('^Delete the empty brackets') then fix = action end
  end
  check(fix, 'no quick fix in ' .. vim.inspect(responses[client_id]))
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')

  -- The buffer is exactly the expected text.
  -- (In a CRLF file Neovim keeps lines without '\r' and writes them back with it.)
  local eol = vim.bo[bufnr].fileformat == 'dos' and '\r\n' or '\n'
  local got = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), eol) .. eol
  local file = assert(io.open(expected_path, 'rb'))
  local expected = file:read('*a')
  file:close()
  check(got == expected, 'buffer after the fix:\n' .. got .. '\nexpected:\n' .. expected)

  -- The server saw the edit: only the other finding is left.
  check(vim.wait(20000, function() return #b004() == 1 and b004()[1].lnum == 4 end, 20),
    'diagnostics after the fix: ' .. vim.inspect(vim.diagnostic.get(bufnr)))

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)

if not ok then fail(tostring(err)) end
io.stdout:write('neovim: 1 passed, 0 failed\n')
vim.cmd('qall!')
