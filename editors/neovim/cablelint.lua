-- cablelint for Neovim: `.cable` files get the `cable` filetype and the
-- cablelint language server (`cablelint lsp --stdio`).
--
-- Put this file on your runtimepath (e.g. ~/.config/nvim/lua/cablelint.lua)
-- and call it from init.lua:
--
--   require('cablelint').setup()
--   -- or, with options:
--   require('cablelint').setup({
--     cmd = { '/path/to/cablelint', 'lsp', '--stdio' },
--     settings = { cablelint = { profile = 'prc-mfa-cable', severity = { B = 'warning' } } },
--   })
--
-- Works with Neovim 0.7 (vim.lsp.start_client) and later (vim.lsp.start).
local M = {}

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'cablelint', 'lsp', '--stdio' }
  local settings = opts.settings or { cablelint = {} }

  vim.cmd([[
    augroup cablelint_filetype
      autocmd!
      autocmd BufRead,BufNewFile *.cable setfiletype cable
    augroup END
  ]])

  local function root_of(bufnr)
    local file = vim.api.nvim_buf_get_name(bufnr)
    local found = vim.fn.findfile('cablelint.toml', vim.fn.fnamemodify(file, ':p:h') .. ';')
    if found ~= '' then return vim.fn.fnamemodify(found, ':p:h') end
    return vim.fn.fnamemodify(file, ':p:h')
  end

  local config = function(bufnr)
    return {
      name = 'cablelint',
      cmd = cmd,
      root_dir = root_of(bufnr),
      settings = settings,
      init_options = settings,
      -- Answer the server's workspace/configuration with the `cablelint` section.
      handlers = {
        ['workspace/configuration'] = function(_, params)
          local result = {}
          for i, item in ipairs(params.items or {}) do
            result[i] = item.section and settings[item.section] or settings
          end
          return result
        end,
      },
    }
  end

  local clients = {} -- root_dir -> client id (Neovim 0.7 has no vim.lsp.start)
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'cable',
    group = vim.api.nvim_create_augroup('cablelint_lsp', { clear = true }),
    callback = function(args)
      local c = config(args.buf)
      if vim.lsp.start then
        vim.lsp.start(c, { bufnr = args.buf })
        return
      end
      local id = clients[c.root_dir]
      if not id or not vim.lsp.get_client_by_id(id) then
        id = vim.lsp.start_client(c)
        clients[c.root_dir] = id
      end
      if id then vim.lsp.buf_attach_client(args.buf, id) end
    end,
  })
end

return M
