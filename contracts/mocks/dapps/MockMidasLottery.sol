// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IPointsRegistry} from "../../points/IPointsRegistry.sol";
import {SeasonDAppReporter} from "./SeasonDAppReporter.sol";

/// @title MockMidasLottery
/// @notice Local stand-in of Midas Games' lottery: tickets at a fixed price in a testnet token go
/// into the round's pot; the owner draws the round and the whole pot goes to one ticket. Reports
/// `midas.buy-ticket` to the points registry.
/// @dev The draw uses `block.prevrandao`: good enough for a local stand-in, not for real money.
contract MockMidasLottery is SeasonDAppReporter, Ownable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /* EVENTS */

    /// @notice `account` bought ticket number `ticket` (0-based) of `round`.
    event TicketBought(uint256 indexed round, address indexed account, uint256 ticket);
    /// @notice `round` was drawn: `winner` won `pot`.
    event Drawn(uint256 indexed round, address indexed winner, uint256 ticket, uint256 pot);

    /* ERRORS */

    /// @notice The ticket price is zero.
    error ZeroTicketPrice();
    /// @notice The round has no ticket to draw.
    error NoTickets(uint256 round);

    /* STORAGE */

    /// @notice The token tickets are paid in.
    IERC20 public immutable ticketToken;
    /// @notice One ticket's price.
    uint256 public immutable ticketPrice;
    /// @notice `midas.buy-ticket`'s action id.
    uint32 public immutable buyTicketAction;

    /// @notice The round tickets are sold for (starts at 1).
    uint256 public round = 1;
    /// @notice Each round's pot.
    mapping(uint256 round => uint256 amount) public potOf;
    /// @dev Each round's tickets, by buyer.
    mapping(uint256 round => address[] buyers) private _tickets;

    /* CONSTRUCTOR */

    /// @param registry_ The points registry (must hold `midas.buy-ticket`).
    /// @param ticketToken_ The token tickets are paid in.
    /// @param ticketPrice_ One ticket's price.
    /// @param owner_ Who draws rounds.
    constructor(
        IPointsRegistry registry_,
        IERC20 ticketToken_,
        uint256 ticketPrice_,
        address owner_
    ) SeasonDAppReporter(registry_) Ownable(owner_) {
        if (ticketPrice_ == 0) revert ZeroTicketPrice();
        ticketToken = ticketToken_;
        ticketPrice = ticketPrice_;
        buyTicketAction = registry_.requireActionId("midas.buy-ticket");
    }

    /* EXTERNAL */

    /// @notice Buys one ticket of the current round (pulls `ticketPrice`).
    /// @return ticket The ticket's number in the round (0-based).
    function buyTicket() external nonReentrant returns (uint256 ticket) {
        uint256 r = round;
        ticket = _tickets[r].length;
        _tickets[r].push(msg.sender);
        potOf[r] += ticketPrice;
        emit TicketBought(r, msg.sender, ticket);
        ticketToken.safeTransferFrom(msg.sender, address(this), ticketPrice);
        _report(msg.sender, buyTicketAction);
    }

    /// @notice Draws the current round, pays its pot to the winning ticket and opens the next round.
    /// @return winner The winner.
    function draw() external onlyOwner nonReentrant returns (address winner) {
        uint256 r = round;
        uint256 count = _tickets[r].length;
        if (count == 0) revert NoTickets(r);
        uint256 ticket = uint256(keccak256(abi.encode(block.prevrandao, address(this), r, count))) % count;
        winner = _tickets[r][ticket];
        uint256 pot = potOf[r];
        potOf[r] = 0;
        round = r + 1;
        emit Drawn(r, winner, ticket, pot);
        ticketToken.safeTransfer(winner, pot);
    }

    /* VIEWS */

    /// @notice How many tickets `round_` sold.
    /// @param round_ The round.
    function ticketCount(uint256 round_) external view returns (uint256) {
        return _tickets[round_].length;
    }

    /// @notice Who holds ticket `ticket` of `round_`.
    /// @param round_ The round.
    /// @param ticket The ticket's number (0-based).
    function ticketOwner(uint256 round_, uint256 ticket) external view returns (address) {
        return _tickets[round_][ticket];
    }
}
